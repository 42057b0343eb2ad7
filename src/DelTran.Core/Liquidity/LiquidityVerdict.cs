using DelTran.Core.Fx;
using DelTran.Core.Tokens;

namespace DelTran.Core.Liquidity;

/// <summary>The liquidity stage's word on one transaction, with the FX path to record when it is accepted with a conversion.</summary>
public sealed record LiquidityVerdict(LiquidityDecision Decision, FxPath? Path)
{
    /// <summary>The token payment that settled the accepted transaction at once; null on the window path.</summary>
    public TokenOperation? SettledBy { get; init; }

    /// <summary>Why an accepted transaction whose debtor chose instant settlement still takes the window path.</summary>
    public string? NotInstant { get; init; }
}
