using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Fx;

/// <summary>
/// The conversion the Host records on the transaction: where it started, what it delivers, every step, and which
/// rate table version priced it at what instant. No steps means source and target are the same currency.
/// </summary>
public sealed record FxPath(Money Source, Money Result, IReadOnlyList<FxStep> Steps, string RateTableVersion, DateTimeOffset PricedAt)
{
    public bool IsDirect => Steps.Count <= 1;

    /// <summary>Target units delivered per source unit, after rounding.</summary>
    public decimal EffectiveRate => Source.Amount == 0 ? 0 : Result.Amount / Source.Amount;

    /// <summary>Compact text for logs and audit, e.g. "AED→USD SellBase 0.2722; USD→INR SellBase 83.10".</summary>
    public string Describe() => Steps.Count == 0
        ? "no conversion"
        : string.Join("; ", Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.From.Currency.Code}→{s.To.Currency.Code} {s.Side} {s.QuotedRate}")));
}
