namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>A participant's settlement account in one currency, with its credit line and net debit cap.</summary>
public sealed class SettlementAccountOptions
{
    /// <summary>Amounts are stored as numeric(18,5): 13 digits before the point.</summary>
    public const decimal AmountLimit = 10_000_000_000_000m;

    public string Currency { get; set; } = string.Empty;

    public decimal Balance { get; set; }

    public decimal CreditLine { get; set; }

    public decimal NetDebitCap { get; set; }
}
