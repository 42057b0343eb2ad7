namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

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
