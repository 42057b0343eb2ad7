using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Reporting;

/// <summary>
/// One field of an export row, already formatted with the invariant culture. The text is exactly what the CSV
/// carries, so the CSV and the workbook cannot disagree about a value.
/// </summary>
public readonly record struct ExportField(ExportFieldKind Kind, string Text, int Decimals = 0, DateOnly Date = default, DateTimeOffset Instant = default)
{
    public static ExportField Empty { get; } = new(ExportFieldKind.Text, string.Empty);

    public bool IsEmpty => Text.Length == 0;

    public static ExportField Of(string? text) => text is null ? Empty : new ExportField(ExportFieldKind.Text, text);

    /// <summary>A BIC column: in upper case whatever case it was read in (<see cref="Bic.Normalize"/>).</summary>
    public static ExportField OfBic(string? text) => Of(Bic.Normalize(text));

    public static ExportField Of(Guid? value) => value is Guid guid ? new ExportField(ExportFieldKind.Text, guid.ToString("D", CultureInfo.InvariantCulture)) : Empty;

    public static ExportField Of(long value) => new(ExportFieldKind.Integer, value.ToString(CultureInfo.InvariantCulture));

    public static ExportField Of(DateOnly? value) => value is DateOnly date
        ? new ExportField(ExportFieldKind.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 0, date)
        : Empty;

    /// <summary>ISO 8601 with the offset kept and trailing zeros of the fraction dropped: 2026-12-01T09:30:00+04:00.</summary>
    public static ExportField Of(DateTimeOffset value) => new(
        ExportFieldKind.Timestamp,
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        Instant: value);

    /// <summary>A rate or ratio, every digit kept.</summary>
    public static ExportField OfDecimal(decimal? value) => value is decimal d
        ? new ExportField(ExportFieldKind.Decimal, d.ToString(CultureInfo.InvariantCulture), d.Scale)
        : Empty;

    /// <summary>
    /// Money in its currency's minor units (<see cref="Money.FormatAmount(decimal, Currency)"/>): 1500 INR is "1500.00".
    /// An amount that would be rounded by that, or whose currency is unknown, is written with all its digits:
    /// an audit file never changes money.
    /// </summary>
    public static ExportField OfMoney(decimal? amount, string? currencyCode)
    {
        if (amount is not decimal value)
        {
            return Empty;
        }

        if (Currency.TryParse(currencyCode, out Currency currency) && currency.MinorUnits is int units && decimal.Round(value, units) == value)
        {
            return new ExportField(ExportFieldKind.Amount, Amounts.Money.FormatAmount(value, currency), units);
        }

        return new ExportField(ExportFieldKind.Amount, value.ToString(CultureInfo.InvariantCulture), value.Scale);
    }
}
