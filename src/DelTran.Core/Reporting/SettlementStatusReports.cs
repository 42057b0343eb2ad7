using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Reporting;

/// <summary>
/// The pacs.002 that tells a sender its transactions settled: built from the report that accepted them,
/// listing only the transactions a window settled, each ACSC, with the group ACSC. It is a report of its own
/// (its own message id), sent after the acceptance report, not a replacement of it.
/// </summary>
public static class SettlementStatusReports
{
    public static StatusReport Settled(StatusReport accepted, string reportMessageId, DateTimeOffset createdAt, DateTimeOffset settledAt)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportMessageId);
        return accepted with
        {
            MessageId = reportMessageId,
            CreationDateTime = createdAt,
            GroupStatus = GroupStatus.AcceptedSettlementCompleted,
            GroupReasons = [],
            Transactions = accepted.Transactions
                .Select(t => t with { Status = TransactionStatus.AcceptedSettlementCompleted, Reasons = [], AcceptanceDateTime = settledAt })
                .ToList(),
        };
    }
}
