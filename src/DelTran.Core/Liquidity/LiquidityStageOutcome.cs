namespace DelTran.Core.Liquidity;

/// <summary>
/// What the liquidity stage decided for a batch: one verdict per candidate in the batch's order, and the position
/// changes the caller saves (risk applied the whole batch; what liquidity refuses is given back).
/// </summary>
public sealed record LiquidityStageOutcome(IReadOnlyList<LiquidityVerdict> Verdicts, IReadOnlyDictionary<PositionKey, decimal> PositionChanges);
