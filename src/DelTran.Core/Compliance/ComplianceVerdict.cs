using DelTran.Core.Pipeline;

namespace DelTran.Core.Compliance;

/// <summary>
/// Where compliance sends one transaction: the state it moves to, with the reason code and text stored on it (none when
/// it goes on). <see cref="GoesOn"/> is true for a transaction that passed and goes to risk.
/// </summary>
public sealed record ComplianceVerdict(TransactionState To, string? ReasonCode, string? ReasonText)
{
    public bool GoesOn => To == TransactionState.Screened;
}
