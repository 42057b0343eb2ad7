namespace DelTran.Host.Api;

/// <summary>The breakers of this instance and the latest recorded transitions, newest first.</summary>
public sealed record BreakersView(IReadOnlyList<BreakerView> Breakers, IReadOnlyList<BreakerEventView> Events);
