namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

public sealed class ParticipantRow
{
    /// <summary>BIC8: a participant is an institution; its branches share its positions.</summary>
    public required string Bic { get; set; }

    public required string Name { get; set; }

    public required string Country { get; set; }

    public bool Suspended { get; set; }
}

public sealed class ApiKeyRow
{
    public long Id { get; set; }

    public required string ParticipantBic { get; set; }

    /// <summary>SHA-256 of the key, hex. The key itself is never stored.</summary>
    public required string KeyHash { get; set; }

    public required string Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SettlementAccountRow
{
    public required string ParticipantBic { get; set; }

    public required string Currency { get; set; }

    public decimal Balance { get; set; }

    public decimal CreditLine { get; set; }

    public decimal Reserved { get; set; }

    /// <summary>The balance before any ledger posting; <see cref="Balance"/> is always this plus the account's postings.</summary>
    public decimal OpeningBalance { get; set; }
}

public sealed class RiskLimitRow
{
    public required string ParticipantBic { get; set; }

    public required string Currency { get; set; }

    public decimal NetDebitCap { get; set; }
}

/// <summary>The running net position of a participant in a currency in the open window (negative = net debit).</summary>
public sealed class PositionRow
{
    public required string ParticipantBic { get; set; }

    public required string Currency { get; set; }

    public decimal NetPosition { get; set; }
}

public enum InboundFileStatus
{
    Stored,
    Parsed,
    Failed,
}

public sealed class InboundFileRow
{
    public Guid Id { get; set; }

    public required string ParticipantBic { get; set; }

    public required string Channel { get; set; }

    public required string OriginalName { get; set; }

    /// <summary>SHA-256 of the raw bytes, hex; unique per participant so the same bytes are processed once.</summary>
    public required string Sha256 { get; set; }

    public long Size { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public InboundFileStatus Status { get; set; }

    public Guid? MessageId { get; set; }
}

/// <summary>The raw bytes, in 1 MiB chunks, immutable once written.</summary>
/// <summary>
/// A file that repeated a stored one (the same bytes from the same participant), kept until it is answered with a copy
/// of the first file's answer under its own name: at once when that answer exists, else when it is delivered.
/// </summary>
public sealed class RepeatFileRow
{
    public Guid Id { get; set; }

    /// <summary>The stored file it repeats.</summary>
    public Guid FirstFileId { get; set; }

    public required string ParticipantBic { get; set; }

    public required string Channel { get; set; }

    /// <summary>Its own name, which its answer is named after.</summary>
    public required string Name { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When its answer was written to outbound/; null while the first file has none.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }
}

public sealed class InboundFileChunkRow
{
    public Guid FileId { get; set; }

    public int Sequence { get; set; }

    public required byte[] Data { get; set; }
}

public sealed class MessageRow
{
    /// <summary>Sender of an operator-submitted message whose content names no valid BIC; never a participant.</summary>
    public const string UnknownSender = "UNKNOWN";

    public Guid Id { get; set; }

    public Guid InboundFileId { get; set; }

    public required string SenderBic { get; set; }

    public string? MsgId { get; set; }

    public string? MessageType { get; set; }

    public string? CreationDateTime { get; set; }

    public int TransactionCount { get; set; }

    /// <summary>RECEIVED, then PROCESSING while stages run, then COMPLETED once every transaction is final.</summary>
    public required string State { get; set; }

    /// <summary>pacs.002 group status once known: ACCP, PART, RJCT or PDNG.</summary>
    public string? GroupStatus { get; set; }

    /// <summary>Message-level reasons (code: text; one per line) when the whole message is rejected.</summary>
    public string? RejectReasons { get; set; }

    /// <summary>Set when this message repeats a message id already received from the sender (AM05).</summary>
    public bool DuplicateMsgId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed class TransactionRow
{
    /// <summary>Time-ordered (version 7) so bulk inserts append to the index; made before the row is copied in.</summary>
    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    public int Index { get; set; }

    public string? InstructionId { get; set; }

    public string? EndToEndId { get; set; }

    public string? TransactionId { get; set; }

    public Guid? Uetr { get; set; }

    /// <summary>SHA-256 over the money-relevant fields; the same UETR with another hash is suspicious.</summary>
    public string? ContentHash { get; set; }

    public string? DebtorAgent { get; set; }

    public string? CreditorAgent { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public decimal? InstructedAmount { get; set; }

    public string? InstructedCurrency { get; set; }

    public decimal? ExchangeRate { get; set; }

    public DateOnly? SettlementDate { get; set; }

    public string? DebtorName { get; set; }

    public string? CreditorName { get; set; }

    public string? UltimateDebtorName { get; set; }

    public string? UltimateCreditorName { get; set; }

    /// <summary>What compliance screens (every party's and agent's name, BIC and countries), as <c>ScreeningSubject.Encode</c> wrote it at ingest.</summary>
    public string? ScreeningSubject { get; set; }

    public required string State { get; set; }

    public string? ReasonCode { get; set; }

    public string? ReasonText { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Every state change of a transaction, append only.</summary>
public sealed class TransactionEventRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? FromState { get; set; }

    public required string ToState { get; set; }

    public required string Stage { get; set; }

    public string? ReasonCode { get; set; }

    public string? Detail { get; set; }
}

public sealed class ObligationRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public Guid? Uetr { get; set; }

    public required string EndToEndId { get; set; }

    public required string DebtorBic { get; set; }

    public required string CreditorBic { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public DateOnly? ValueDate { get; set; }

    public decimal? InstructedAmount { get; set; }

    public string? InstructedCurrency { get; set; }

    public decimal? ExchangeRate { get; set; }

    /// <summary>Taken from the database clock under the window guard, so it orders obligations against a close.</summary>
    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>The clearing window the obligation belongs to: exactly one, decided when it is accepted.</summary>
    public string? WindowId { get; set; }

    /// <summary>The window it was first stamped with, when it was carried to a later one (future value date, failed window).</summary>
    public string? CarriedFrom { get; set; }
}

public sealed class StatusReportRow
{
    public Guid MessageId { get; set; }

    public required string ReportMsgId { get; set; }

    public required string Xml { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A bus message written in the same database transaction as the state change it announces.</summary>
public sealed class OutboxRow
{
    public long Id { get; set; }

    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>Bus messages a consumer already applied: the unique key makes every consumer idempotent.</summary>
public sealed class ConsumedMessageRow
{
    public required string Consumer { get; set; }

    public Guid MessageId { get; set; }

    public DateTimeOffset ConsumedAt { get; set; }
}

/// <summary>
/// Every UETR that passed validation, once. Its primary key is what makes duplicate detection atomic
/// across messages and host instances: a transaction whose UETR cannot be inserted here is a DUPL.
/// </summary>
public sealed class UetrRegistryRow
{
    public Guid Uetr { get; set; }

    public Guid TransactionId { get; set; }

    public required string ContentHash { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
