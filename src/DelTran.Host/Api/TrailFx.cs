namespace DelTran.Host.Api;

/// <summary>The FX conversion that priced the transaction, with the rate table version it came from.</summary>
public sealed record TrailFx(
    string Path,
    bool Direct,
    string Steps,
    string RateTableVersion,
    DateTimeOffset PricedAt,
    decimal SourceAmount,
    string SourceCurrency,
    decimal ResultAmount,
    string ResultCurrency,
    decimal EffectiveRate);
