using DelTran.Core.Pipeline;
namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

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
    public required MessageLifecycle State { get; set; }

    /// <summary>pacs.002 group status once known: ACCP, PART, RJCT or PDNG.</summary>
    public string? GroupStatus { get; set; }

    /// <summary>Message-level reasons (code: text; one per line) when the whole message is rejected.</summary>
    public string? RejectReasons { get; set; }

    /// <summary>Set when this message repeats a message id already received from the sender (AM05).</summary>
    public bool DuplicateMsgId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
