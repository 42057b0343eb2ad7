using System.Globalization;

namespace DelTran.Core.Amounts;

/// <summary>An amount of money: a decimal with its currency. Never a double.</summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    /// <summary>
    /// True when the amount as written carries no more decimals than the currency allows.
    /// Strict on the written scale, as CBPR+ is: "10.500" in INR has three decimals and fails.
    /// </summary>
    public bool FitsMinorUnits => Currency.MinorUnits is not int units || Amount.Scale <= units;

    /// <summary>Invariant text with the currency's minor units, e.g. "1500.00".</summary>
    public string FormatAmount() => FormatAmount(Amount, Currency);

    public static string FormatAmount(decimal amount, Currency currency) => currency.MinorUnits is int units
        ? amount.ToString("F" + units.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : amount.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => FormatAmount() + " " + Currency.Code;
}
