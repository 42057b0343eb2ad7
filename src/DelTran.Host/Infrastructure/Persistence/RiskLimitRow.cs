using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

public sealed class RiskLimitRow
{
    public required string ParticipantBic { get; set; }

    public required Currency Currency { get; set; }

    public decimal NetDebitCap { get; set; }
}
