using DelTran.Core.Tokens;

namespace DelTran.Core.Liquidity;

/// <summary>
/// What the liquidity stage decided for a batch: one verdict per candidate in the batch's order, the position changes the
/// caller saves (risk applied the whole batch; what liquidity refuses, and what settles at once in tokens, is given back),
/// and the token change of the payments settled at once, if any.
/// </summary>
public sealed record LiquidityStageOutcome(IReadOnlyList<LiquidityVerdict> Verdicts, IReadOnlyDictionary<PositionKey, decimal> PositionChanges, TokenChange? Tokens = null);
