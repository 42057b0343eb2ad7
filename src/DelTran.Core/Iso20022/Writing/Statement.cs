namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// A camt.053.001.08 bank-to-customer statement with one Stmt. <see cref="Entries"/> is enumerated once,
/// while writing, so it may be a lazy sequence of any length.
/// </summary>
public sealed record Statement(
    string MessageId,
    DateTimeOffset CreationDateTime,
    string StatementId,
    StatementAccount Account,
    DateTimeOffset FromDateTime,
    DateTimeOffset ToDateTime,
    StatementBalance OpeningBalance,
    StatementBalance ClosingBalance,
    StatementSummary Summary)
{
    /// <summary>ElctrncSeqNb: the statement's sequence number for this account.</summary>
    public long? ElectronicSequenceNumber { get; init; }

    public IEnumerable<StatementEntry> Entries { get; init; } = [];
}
