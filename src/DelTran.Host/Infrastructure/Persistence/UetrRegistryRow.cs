namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

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
