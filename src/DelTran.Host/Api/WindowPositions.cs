namespace DelTran.Host.Api;

/// <summary>A closed window's multilateral and bilateral positions.</summary>
public sealed record WindowPositions(string WindowId, IReadOnlyList<NetPosition> Positions, IReadOnlyList<BilateralPosition> Bilateral);
