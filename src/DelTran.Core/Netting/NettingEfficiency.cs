using System.Globalization;

namespace DelTran.Core.Netting;

/// <summary>
/// How netting efficiency is shown, wherever it is shown. One definition, <see cref="CurrencyNettingTotals.Efficiency"/>:
/// 1 − Σ|net| / (gross debits + gross credits). Two presentations of the same figure:
/// <list type="bullet">
/// <item>machine outputs (control-totals.csv, the windows API's <c>nettingEfficiency</c>, the value of the workbook's
/// cell) carry the <b>fraction with four decimals</b>, always four: 0.5714, 1.0000, 0.0000;</item>
/// <item>human outputs (the terminal of <c>deltran process</c>, the window's history and logs, the workbook cell as
/// displayed) carry the <b>percentage with two decimals</b>: 57.14%.</item>
/// </list>
/// Four decimals of a fraction are exactly two of a percentage, so a person and a program reading two outputs of one
/// window read the same number, never two roundings of it. Rounding is half away from zero, as Excel's ROUND, so an
/// auditor recomputing it from net-positions.csv with =ROUND(1-SUM(ABS(net))/(SUM(debit)+SUM(credit)),4) gets the
/// figure of the pack. The database keeps the unrounded value; only what is shown is rounded.
/// </summary>
public static class NettingEfficiency
{
    /// <summary>Decimals of the fraction in machine outputs.</summary>
    public const int Decimals = 4;

    /// <summary>The format of the workbook cell, which holds <see cref="Fraction(decimal)"/>: it displays <see cref="Percent"/>.</summary>
    public const string SpreadsheetFormat = "0.00%";

    /// <summary>The fraction as machine outputs carry it: rounded to four decimals, with all four (scale 4).</summary>
    public static decimal Fraction(decimal efficiency) =>
        // Adding 0.0000m gives the sum scale 4 whatever the rounded value's own scale (1 becomes 1.0000).
        decimal.Round(efficiency, Decimals, MidpointRounding.AwayFromZero) + 0.0000m;

    /// <summary><see cref="Fraction(decimal)"/> of a figure that may not exist yet (a window not netted): null stays null.</summary>
    public static decimal? Fraction(decimal? efficiency) => efficiency is decimal value ? Fraction(value) : null;

    /// <summary>The percentage as people read it: two decimals and a percent sign, no space ("57.14%").</summary>
    public static string Percent(decimal efficiency) =>
        (Fraction(efficiency) * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
