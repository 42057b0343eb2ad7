using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>
/// What a rejected transaction keeps of its amount: the amount as sent, whenever the message carried one that reads as
/// a number. A transaction is refused for many reasons besides its amount, and an auditor ties every reject back to
/// what was sent, so the value is kept even when it is itself what was wrong (zero, negative, more decimals than its
/// currency has). Only a transaction whose amount does not read as a number (missing, "12,50", "abc") or does not fit
/// an ISO 20022 amount (more than 18 digits, or more than 5 after the point, which the store would round) keeps none;
/// its reasons then quote what was sent.
/// </summary>
public static class AmountAsSent
{
    /// <summary>ActiveCurrencyAndAmount: at most 18 digits, 5 of them after the point (numeric(18,5) in the database).</summary>
    public const int FractionDigits = 5;

    private static readonly decimal Limit = 10_000_000_000_000m; // 10^13: 13 digits before the point

    /// <summary>The amount as sent, as a number; false when there is none that reads (see above).</summary>
    public static bool TryRead(AmountRecord? amount, out decimal value)
    {
        value = 0m;
        if (amount is null || !decimal.TryParse(amount.Text, TransactionRules.XsdDecimal, CultureInfo.InvariantCulture, out decimal read))
        {
            return false;
        }

        if (decimal.Round(read, FractionDigits) != read || Math.Abs(read) >= Limit)
        {
            return false;
        }

        value = read;
        return true;
    }

    /// <summary>
    /// A kept amount that a status report may echo as the original's (OrgnlTxRef): an ISO amount in an ISO currency,
    /// not negative and with no more decimals than the currency has (trailing zeros aside). Null otherwise.
    /// </summary>
    public static Money? Echoable(decimal? amount, string? currencyCode) =>
        amount is decimal value && value >= 0m && Currency.TryParse(currencyCode, out Currency currency)
            && (currency.MinorUnits is not int units || decimal.Round(value, units) == value)
            ? new Money(value, currency)
            : null;
}
