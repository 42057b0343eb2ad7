namespace DelTran.Core.Liquidity;

/// <summary>What the Host loads per participant and currency: the open window's position, earlier windows' flows, and the funds.</summary>
public sealed record ForecastInput(PositionKey Key, decimal OpenPosition, IReadOnlyList<WindowFlow> PreviousWindows, AvailableFunds Funds);
