namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

public sealed class ApiKeyRow
{
    public long Id { get; set; }

    public required string ParticipantBic { get; set; }

    /// <summary>SHA-256 of the key, hex. The key itself is never stored.</summary>
    public required string KeyHash { get; set; }

    public required string Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
