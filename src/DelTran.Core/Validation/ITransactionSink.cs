using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>Receives each transaction as soon as it is judged, so a caller can stream them onward.</summary>
public interface ITransactionSink
{
    /// <summary>A transaction that passed every rule. Provisional until the report: a message-level issue found later rejects it too.</summary>
    void Accepted(CreditTransfer transfer);

    void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues);
}
