namespace DelTran.Core.Pipeline;

/// <summary>
/// The life of a transaction in DelTran: RECEIVED → VALIDATED → SCREENED → RISK_CHECKED → ACCEPTED (an obligation
/// exists), or REJECTED with a reason code at any stage, or HELD awaiting an operator. Stored and shown as
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
}
