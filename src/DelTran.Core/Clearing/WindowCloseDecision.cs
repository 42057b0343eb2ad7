namespace DelTran.Core.Clearing;

/// <summary>
/// Whether the open window closes, and how: refused with its answer, or closed at <see cref="Cutoff"/> (kept to the
/// microsecond, as the database stores it) to settle on <see cref="BusinessDate"/>.
/// </summary>
public sealed record WindowCloseDecision(CloseResult? Refused, DateTimeOffset Cutoff, DateOnly BusinessDate);
