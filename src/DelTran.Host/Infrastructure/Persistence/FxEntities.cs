namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// Every version of the FX rate table DelTran has seen, once: LOADED (in force from <see cref="RecordedAt"/> until a
/// newer one) or REFUSED (broken; the previous version stayed in force). <see cref="Content"/> is the rates file's
/// text exactly as read (inline rates are written out in the same format), so an auditor can reprice any recorded
/// conversion from it. Append only.
/// </summary>
public sealed class FxRateVersionRow
{
    public long Id { get; set; }

    /// <summary>"FX-" and the first 16 hex digits of <see cref="Sha256"/>: what transaction_fx rows name.</summary>
    public required string VersionId { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>LOADED or REFUSED.</summary>
    public required string Status { get; set; }

    /// <summary>"file:" and the file's full path, or "configuration" for inline rates.</summary>
    public required string Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The earliest start and the latest end of the quotes' validity; null for a refused version.</summary>
    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidTo { get; set; }

    public int Quotes { get; set; }

    public required string Content { get; set; }

    /// <summary>Why a version was refused: its errors, one per line.</summary>
    public string? Reason { get; set; }
}

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

    public required string SourceCurrency { get; set; }

    public decimal ResultAmount { get; set; }

    public required string ResultCurrency { get; set; }

    /// <summary>Settlement-currency units per instructed unit after each leg's rounding (10 decimals, toward zero).</summary>
    public decimal EffectiveRate { get; set; }

    public bool Direct { get; set; }

    /// <summary>Readable path, e.g. "AED→USD BuyBase 3.6730; USD→INR SellBase 83.10".</summary>
    public required string Path { get; set; }

    /// <summary>The legs as JSON: pair, side, quoted rate, amount in and out with currencies.</summary>
    public required string Steps { get; set; }
}
