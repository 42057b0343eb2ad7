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
