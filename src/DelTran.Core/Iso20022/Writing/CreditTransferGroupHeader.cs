namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// The group header of a pacs.008.001.08 DelTran writes. NbOfTxs and CtrlSum come before the transactions,
/// so the caller states them; the writer checks them against the transactions it writes.
/// </summary>
public sealed record CreditTransferGroupHeader(string MessageId, DateTimeOffset CreationDateTime, int NumberOfTransactions)
{
    /// <summary>Sum of the interbank settlement amounts, whatever their currency, as ISO defines CtrlSum.</summary>
    public decimal? ControlSum { get; init; }

    public Bic? InstructingAgent { get; init; }

    public Bic? InstructedAgent { get; init; }
}
