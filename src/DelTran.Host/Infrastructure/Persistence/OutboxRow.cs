namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

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
