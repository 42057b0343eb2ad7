namespace DelTran.Core.Risk;

/// <summary>The risk stage's verdict on one candidate; a rejection carries an ISO 20022 ExternalStatusReason1Code.</summary>
public sealed record RiskDecision(string ObligationId, bool Accepted, string? ReasonCode, string? Explanation)
{
    public static RiskDecision Accept(string obligationId) => new(obligationId, true, null, null);

    public static RiskDecision Reject(string obligationId, string reasonCode, string explanation) => new(obligationId, false, reasonCode, explanation);

    /// <summary>
    /// What the decision counts for in the debtor's circuit breaker: a refusal for a net debit cap (AM14) or for the
    /// coverage behind it (AM04) is a cap breach, any other refusal a rejection.
    /// </summary>
    public BreakerOutcome BreakerOutcome => Accepted ? BreakerOutcome.Accepted
        : ReasonCode is Iso20022.ReasonCode.AM14 or Iso20022.ReasonCode.AM04 ? BreakerOutcome.CapBreach
        : BreakerOutcome.Rejected;
}
