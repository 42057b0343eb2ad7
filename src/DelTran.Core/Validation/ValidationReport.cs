using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>The outcome of validating one file.</summary>
public sealed record ValidationReport(
    MessageDefinition? Definition,
    BusinessHeaderRecord? BusinessHeader,
    GroupHeaderRecord? GroupHeader,
    string? Sender,
    int TransactionCount,
    int RejectedTransactionCount,
    IReadOnlyList<ValidationIssue> Issues,
    bool MessageRejected)
{
    /// <summary>True when the file is wholly clean.</summary>
    public bool Accepted => Issues.Count == 0;

    /// <summary>Transaction batches validated in parallel; 0 when the file went through the sequential pass.</summary>
    public int ParallelBatches { get; init; }

    /// <summary>Of <see cref="ParallelBatches"/>, those proven valid by the fast content check rather than the XSD validator.</summary>
    internal int ProvenBatches { get; init; }

    public string? MessageId => GroupHeader?.MessageId;

    /// <summary>True when the message was refused because reading it exceeded the work budget or the host's watchdog.</summary>
    public bool ExceededReadBudget { get; init; }
}
