using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Pipeline;

/// <summary>How pipeline states are reported in a pacs.002.</summary>
public static class PipelineStatus
{
    /// <summary>The transaction status a pacs.002 reports for a pipeline state.</summary>
    public static TransactionStatus ForTransaction(TransactionState state) => state switch
    {
        TransactionState.Accepted => TransactionStatus.Accepted,
        TransactionState.SettledInTokens => TransactionStatus.AcceptedSettlementCompleted,
        TransactionState.Rejected => TransactionStatus.Rejected,
        _ => TransactionStatus.Pending,
    };

    /// <summary>
    /// The group status over the transactions' statuses: RJCT when the message as a whole is refused or
    /// every transaction is; ACSC when every one settled at once in tokens; ACCP when every one is accepted (settled or
    /// not); PDNG while any is still undecided (e.g. HELD for an operator); otherwise PART.
    /// </summary>
    public static GroupStatus ForGroup(bool messageRejected, IEnumerable<TransactionStatus> transactionStatuses)
    {
        if (messageRejected)
        {
            return GroupStatus.Rejected;
        }

        bool any = false, allAccepted = true, allSettled = true, allRejected = true, anyPending = false;
        foreach (TransactionStatus status in transactionStatuses)
        {
            any = true;
            allSettled &= status == TransactionStatus.AcceptedSettlementCompleted;
            allAccepted &= status is TransactionStatus.Accepted or TransactionStatus.AcceptedSettlementCompleted;
            allRejected &= status == TransactionStatus.Rejected;
            anyPending |= status == TransactionStatus.Pending;
        }

        if (!any || allRejected)
        {
            return GroupStatus.Rejected;
        }

        return allSettled ? GroupStatus.AcceptedSettlementCompleted : allAccepted ? GroupStatus.Accepted : anyPending ? GroupStatus.Pending : GroupStatus.PartiallyAccepted;
    }
}
