using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>Status of a whole original message (ExternalPaymentGroupStatus1Code).</summary>
public enum GroupStatus
{
    /// <summary>ACTC: the message passed technical validation (syntax and schema).</summary>
    AcceptedTechnicalValidation,

    /// <summary>ACCP: every transaction passed technical and business validation.</summary>
    Accepted,

    /// <summary>ACSP: accepted and waiting for its clearing window.</summary>
    AcceptedSettlementInProcess,

    /// <summary>ACSC: settled.</summary>
    AcceptedSettlementCompleted,

    /// <summary>PDNG: not judged yet.</summary>
    Pending,

    /// <summary>RJCT: the message as a whole, or every transaction in it, is refused.</summary>
    Rejected,

    /// <summary>PART: some transactions accepted, the others rejected.</summary>
    PartiallyAccepted,
}

/// <summary>Status of one original transaction (ExternalPaymentTransactionStatus1Code). PART exists only for groups.</summary>
public enum TransactionStatus
{
    /// <summary>ACTC: passed technical validation.</summary>
    AcceptedTechnicalValidation,

    /// <summary>ACCP: passed technical and business validation.</summary>
    Accepted,

    /// <summary>ACSP: accepted and waiting for its clearing window.</summary>
    AcceptedSettlementInProcess,

    /// <summary>ACSC: settled.</summary>
    AcceptedSettlementCompleted,

    /// <summary>PDNG: not judged yet.</summary>
    Pending,

    /// <summary>RJCT: refused; the reasons say why.</summary>
    Rejected,
}

public static class PaymentStatusCodes
{
    public static string ToIsoCode(this GroupStatus status) => status switch
    {
        GroupStatus.AcceptedTechnicalValidation => "ACTC",
        GroupStatus.Accepted => "ACCP",
        GroupStatus.AcceptedSettlementInProcess => "ACSP",
        GroupStatus.AcceptedSettlementCompleted => "ACSC",
        GroupStatus.Pending => "PDNG",
        GroupStatus.Rejected => "RJCT",
        GroupStatus.PartiallyAccepted => "PART",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown group status."),
    };

    public static string ToIsoCode(this TransactionStatus status) => status switch
    {
        TransactionStatus.AcceptedTechnicalValidation => "ACTC",
        TransactionStatus.Accepted => "ACCP",
        TransactionStatus.AcceptedSettlementInProcess => "ACSP",
        TransactionStatus.AcceptedSettlementCompleted => "ACSC",
        TransactionStatus.Pending => "PDNG",
        TransactionStatus.Rejected => "RJCT",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown transaction status."),
    };
}

/// <summary>
/// One reason for a status: an ExternalStatusReason1Code (see <see cref="ReasonCode"/>) and optional free text.
/// Text longer than one AddtlInf (Max105Text) is split over several when written.
/// </summary>
public sealed record StatusReason
{
    public StatusReason(string code, string? additionalInformation = null)
    {
        // ExternalStatusReason1Code is 1 to 4 characters; anything else is a programming error, not data.
        if (string.IsNullOrEmpty(code) || code.Length > 4)
        {
            throw new ArgumentException($"'{code}' is not an ExternalStatusReason1Code (1 to 4 characters).", nameof(code));
        }

        Code = code;
        AdditionalInformation = additionalInformation;
    }

    public string Code { get; }

    public string? AdditionalInformation { get; }
}

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
