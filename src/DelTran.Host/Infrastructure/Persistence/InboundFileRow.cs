namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

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
