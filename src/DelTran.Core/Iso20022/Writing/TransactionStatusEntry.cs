using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// The status of one original transaction (TxInfAndSts). The original identifiers are echoed so the
/// receiver can match the report to what it sent; the amount, date and agents go into OrgnlTxRef.
/// </summary>
public sealed record TransactionStatusEntry(string? OriginalEndToEndId, TransactionStatus Status)
{
    /// <summary>StsId: DelTran's own id for this status line, when it gives one.</summary>
    public string? StatusId { get; init; }

    public string? OriginalInstructionId { get; init; }

    public string? OriginalTransactionId { get; init; }

    public Uetr? OriginalUetr { get; init; }

    public IReadOnlyList<StatusReason> Reasons { get; init; } = [];

    public DateTimeOffset? AcceptanceDateTime { get; init; }

    /// <summary>The amount of the original transaction: OrgnlTxRef/IntrBkSttlmAmt for a pacs.008, OrgnlTxRef/Amt/InstdAmt for a pain.001.</summary>
    public Money? OriginalAmount { get; init; }

    /// <summary>The original date: OrgnlTxRef/IntrBkSttlmDt for a pacs.008, OrgnlTxRef/ReqdExctnDt/Dt for a pain.001.</summary>
    public DateOnly? OriginalSettlementDate { get; init; }

    public Bic? OriginalDebtorAgent { get; init; }

    public Bic? OriginalCreditorAgent { get; init; }

    /// <summary>The status of a transaction that passed validation, with everything DelTran knows about it.</summary>
    public static TransactionStatusEntry For(CreditTransfer transfer, TransactionStatus status)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return new TransactionStatusEntry(transfer.EndToEndId, status)
        {
            OriginalInstructionId = Max35OrNull(transfer.Record.InstructionId),
            OriginalTransactionId = Max35OrNull(transfer.Record.TransactionId),
            OriginalUetr = transfer.Uetr,
            OriginalAmount = transfer.Amount,
            OriginalSettlementDate = transfer.SettlementDate,
            OriginalDebtorAgent = transfer.DebtorAgent,
            OriginalCreditorAgent = transfer.CreditorAgent,
        };
    }

    /// <summary>
    /// The rejection of a transaction as read, for the reasons given (a validation issue gives its own with
    /// ValidationIssue.ToStatusReason). Its text may be what made it invalid, so an identifier is echoed only when it
    /// fits its ISO type; a malformed one would make the report itself invalid.
    /// </summary>
    public static TransactionStatusEntry Rejected(CreditTransferRecord record, IEnumerable<StatusReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(reasons);
        return new TransactionStatusEntry(Max35OrNull(record.EndToEndId), TransactionStatus.Rejected)
        {
            OriginalInstructionId = Max35OrNull(record.InstructionId),
            OriginalTransactionId = Max35OrNull(record.TransactionId),
            OriginalUetr = Uetr.TryParse(record.Uetr, out Uetr uetr) ? uetr : null,
            Reasons = [.. reasons],
        };
    }

    private static string? Max35OrNull(string? text) => text is { Length: >= 1 and <= 35 } && !string.IsNullOrWhiteSpace(text) ? text : null;
}
