using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// The FX conversion an accepted transaction needed: its instructed amount priced into its settlement currency at
/// the acceptance instant, by the cheapest valid path of one rate table version. One row per transaction.
/// </summary>
public sealed class TransactionFxRow
{
    public Guid TransactionId { get; set; }

    public required string RateTableVersion { get; set; }

    public DateTimeOffset PricedAt { get; set; }

    public decimal SourceAmount { get; set; }

    public required Currency SourceCurrency { get; set; }

    public decimal ResultAmount { get; set; }

    public required Currency ResultCurrency { get; set; }

    /// <summary>Settlement-currency units per instructed unit after each leg's rounding (10 decimals, toward zero).</summary>
    public decimal EffectiveRate { get; set; }

    public bool Direct { get; set; }

    /// <summary>Readable path, e.g. "AED→USD BuyBase 3.6730; USD→INR SellBase 83.10".</summary>
    public required string Path { get; set; }

    /// <summary>The legs as JSON: pair, side, quoted rate, amount in and out with currencies.</summary>
    public required string Steps { get; set; }
}
