using DelTran.Core.Fx;

namespace DelTran.Core.Liquidity;

/// <summary>The liquidity stage's word on one transaction, with the FX path to record when it is accepted with a conversion.</summary>
public sealed record LiquidityVerdict(LiquidityDecision Decision, FxPath? Path);
