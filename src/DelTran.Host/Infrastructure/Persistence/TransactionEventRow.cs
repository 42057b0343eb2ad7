using DelTran.Core.Pipeline;
namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

/// <summary>Every state change of a transaction, append only.</summary>
public sealed class TransactionEventRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public DateTimeOffset At { get; set; }

    public TransactionState? FromState { get; set; }

    public required TransactionState ToState { get; set; }

    public required string Stage { get; set; }

    public string? ReasonCode { get; set; }

    public string? Detail { get; set; }
}
