using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Pipeline;

/// <summary>
/// The life of a transaction in DelTran: RECEIVED → VALIDATED → SCREENED → RISK_CHECKED → ACCEPTED
/// (an obligation exists), or REJECTED with a reason code at any stage, or HELD awaiting an operator.
/// </summary>
public static class TransactionState
{
    public const string Received = "RECEIVED";
    public const string Validated = "VALIDATED";
    public const string Screened = "SCREENED";
    public const string RiskChecked = "RISK_CHECKED";
    public const string Accepted = "ACCEPTED";
    public const string Rejected = "REJECTED";
    public const string Held = "HELD";

    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [Received] = [Validated, Rejected],
        [Validated] = [Screened, Rejected, Held],
        [Held] = [Screened, Rejected],
        [Screened] = [RiskChecked, Rejected],
        [RiskChecked] = [Accepted, Rejected],
        [Accepted] = [],
        [Rejected] = [],
    };

    public static IReadOnlyCollection<string> All => Next.Keys;

    /// <summary>The states a transaction is in while a stage still has it: its message is not complete until none is.</summary>
    public static IReadOnlyList<string> InStages { get; } = [Validated, Screened, RiskChecked];

    public static bool IsFinal(string state) => state is Accepted or Rejected;

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out string[]? next) && next.Contains(to, StringComparer.Ordinal);
}

/// <summary>How pipeline states are reported in a pacs.002.</summary>
public static class PipelineStatus
{
    /// <summary>The transaction status a pacs.002 reports for a pipeline state.</summary>
    public static TransactionStatus ForTransaction(string state) => state switch
    {
        TransactionState.Accepted => TransactionStatus.Accepted,
        TransactionState.Rejected => TransactionStatus.Rejected,
        _ => TransactionStatus.Pending,
    };

    /// <summary>
    /// The group status over the transactions' statuses: RJCT when the message as a whole is refused or
    /// every transaction is; ACCP when every one is accepted; PDNG while any is still undecided (e.g. HELD
    /// for an operator); otherwise PART.
    /// </summary>
    public static GroupStatus ForGroup(bool messageRejected, IEnumerable<TransactionStatus> transactionStatuses)
    {
        if (messageRejected)
        {
            return GroupStatus.Rejected;
        }

        bool any = false, allAccepted = true, allRejected = true, anyPending = false;
        foreach (TransactionStatus status in transactionStatuses)
        {
            any = true;
            allAccepted &= status == TransactionStatus.Accepted;
            allRejected &= status == TransactionStatus.Rejected;
            anyPending |= status == TransactionStatus.Pending;
        }

        if (!any || allRejected)
        {
            return GroupStatus.Rejected;
        }

        return allAccepted ? GroupStatus.Accepted : anyPending ? GroupStatus.Pending : GroupStatus.PartiallyAccepted;
    }
}
