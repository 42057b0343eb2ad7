namespace DelTran.Core.Liquidity;

/// <summary>One decision per candidate in order, the projected positions after the accepted ones, and the net change per position touched.</summary>
public sealed record LiquidityEvaluation(
    IReadOnlyList<LiquidityDecision> Decisions,
    IReadOnlyDictionary<PositionKey, decimal> Positions,
    IReadOnlyDictionary<PositionKey, decimal> Changes);
