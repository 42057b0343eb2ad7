using System.Diagnostics.CodeAnalysis;

namespace DelTran.Core.Amounts;

/// <summary>An ISO 4217 alphabetic currency code with its minor units, when known.</summary>
public readonly record struct Currency
{
    // Minor units from ISO 4217 for the currencies a cross-border file is likely to carry.
    // A code missing here still parses (ISO adds codes); its minor units are then unknown.
    private static readonly Dictionary<string, int> KnownMinorUnits = new(StringComparer.Ordinal)
    {
        ["AED"] = 2,
        ["AUD"] = 2,
        ["BHD"] = 3,
        ["CAD"] = 2,
        ["CHF"] = 2,
        ["CNY"] = 2,
        ["DKK"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["HKD"] = 2,
        ["IDR"] = 2,
        ["INR"] = 2,
        ["JOD"] = 3,
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["KWD"] = 3,
        ["LKR"] = 2,
        ["MXN"] = 2,
        ["MYR"] = 2,
        ["NOK"] = 2,
        ["NPR"] = 2,
        ["NZD"] = 2,
        ["OMR"] = 3,
        ["PHP"] = 2,
        ["PKR"] = 2,
        ["PLN"] = 2,
        ["QAR"] = 2,
        ["RUB"] = 2,
        ["SAR"] = 2,
        ["SEK"] = 2,
        ["SGD"] = 2,
        ["THB"] = 2,
        ["TND"] = 3,
        ["TRY"] = 2,
        ["USD"] = 2,
        ["ZAR"] = 2,
        ["BDT"] = 2,
        ["EGP"] = 2,
        ["BRL"] = 2,
        ["CZK"] = 2,
        ["HUF"] = 2,
        ["ILS"] = 2,
        ["CLP"] = 0,
        ["ISK"] = 0,
        ["VND"] = 0,
        ["UGX"] = 0,
        ["XAF"] = 0,
        ["XOF"] = 0,
    };

    public static Currency Inr { get; } = new("INR", 2);
    public static Currency Aed { get; } = new("AED", 2);
    public static Currency Usd { get; } = new("USD", 2);

    private Currency(string code, int? minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    public string Code { get; }

    /// <summary>Decimal places the currency allows; null when ISO 4217 data for it is not known here.</summary>
    public int? MinorUnits { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out Currency currency)
    {
        if (text is { Length: 3 } && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) && char.IsAsciiLetterUpper(text[2]))
        {
            currency = new Currency(text, KnownMinorUnits.TryGetValue(text, out int units) ? units : null);
            return true;
        }

        currency = default;
        return false;
    }

    public static Currency Parse(string text) =>
        TryParse(text, out Currency currency) ? currency : throw new FormatException($"'{text}' is not an ISO 4217 currency code.");

    public override string ToString() => Code ?? string.Empty;
}
