namespace DelTran.Core.Pipeline;

/// <summary>
/// The life of a transaction in DelTran: RECEIVED → VALIDATED → SCREENED → RISK_CHECKED → ACCEPTED (an obligation
/// exists, settled in its window) or SETTLED_IN_TOKENS (an obligation exists, settled at once in tokens), or REJECTED
/// with a reason code at any stage, or HELD awaiting an operator. Stored and shown as
/// <see cref="TransactionStates.Code"/>.
/// </summary>
public enum TransactionState
{
    Received,
    Validated,
    Screened,
    RiskChecked,
    Accepted,
    Rejected,
    Held,

    /// <summary>Accepted and settled at once in tokens (issue 17): its obligation belongs to no window.</summary>
    SettledInTokens,
}
