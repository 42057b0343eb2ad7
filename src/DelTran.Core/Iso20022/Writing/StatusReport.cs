namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// A pacs.002.001.10 FI to FI payment status report about one original message. <see cref="Transactions"/>
/// is enumerated once, while writing, so it may be a lazy sequence of any length.
/// </summary>
public sealed record StatusReport(
    string MessageId,
    DateTimeOffset CreationDateTime,
    string OriginalMessageId,
    MessageDefinition OriginalMessageDefinition,
    GroupStatus GroupStatus)
{
    public Bic? InstructingAgent { get; init; }

    public Bic? InstructedAgent { get; init; }

    public DateTimeOffset? OriginalCreationDateTime { get; init; }

    public IReadOnlyList<StatusReason> GroupReasons { get; init; } = [];

    public IEnumerable<TransactionStatusEntry> Transactions { get; init; } = [];
}
