namespace DelTran.Core.Liquidity;

/// <summary>The liquidity stage's verdict on one candidate; a rejection carries an ISO 20022 ExternalStatusReason1Code.</summary>
public sealed record LiquidityDecision(string ObligationId, bool Accepted, string? ReasonCode, string? Explanation)
{
    public static LiquidityDecision Accept(string obligationId) => new(obligationId, true, null, null);

    public static LiquidityDecision Reject(string obligationId, string reasonCode, string explanation) => new(obligationId, false, reasonCode, explanation);
}
