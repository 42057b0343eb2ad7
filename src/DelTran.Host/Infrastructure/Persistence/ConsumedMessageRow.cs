namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

/// <summary>Bus messages a consumer already applied: the unique key makes every consumer idempotent.</summary>
public sealed class ConsumedMessageRow
{
    public required string Consumer { get; set; }

    public Guid MessageId { get; set; }

    public DateTimeOffset ConsumedAt { get; set; }
}
