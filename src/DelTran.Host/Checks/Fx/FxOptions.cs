using System.Globalization;
using System.Text;
using DelTran.Core.Amounts;
using DelTran.Core.Fx;

namespace DelTran.Host.Checks.Fx;

/// <summary>
/// The "DelTran:Fx" section: the FX rate table the liquidity stage prices conversions from. Either
/// <see cref="RatesFile"/> (a CSV in the <see cref="FxRatesCsv"/> format, read again whenever it changes) or the
/// inline <see cref="Rates"/>; the file, when set, replaces the inline rates. Neither: no table, and a transaction
/// that needs a conversion is refused (AM03).
/// </summary>
public sealed class FxOptions
{
    public const string Section = "DelTran:Fx";

    /// <summary>Path of the rates file; relative paths are taken from the executable's folder.</summary>
    public string? RatesFile { get; set; }

    /// <summary>Inline quotes, used when no <see cref="RatesFile"/> is set.</summary>
    public List<FxRateOptions> Rates { get; set; } = [];

    /// <summary>The one currency a two-leg path may go through.</summary>
    public string Pivot { get; set; } = "USD";

    public bool UsesFile => !string.IsNullOrWhiteSpace(RatesFile);

    /// <summary>The inline quotes as the text of a rates file, so that both sources are parsed, versioned and stored alike.</summary>
    public string InlineCsv()
    {
        var text = new StringBuilder(FxRatesCsv.Header).Append('\n');
        foreach (FxRateOptions rate in Rates)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{rate.Pair},{rate.Bid},{rate.Ask},{rate.ValidFrom},{rate.ValidTo}")).Append('\n');
        }

        return text.ToString();
    }

    public string FullRatesFilePath() => Path.GetFullPath(RatesFile!, AppContext.BaseDirectory);

    public Currency PivotCurrency() => Currency.Parse(Pivot);

    /// <summary>Problems with the section, each a sentence; a broken rates file is not one (it is refused when read, with an alert).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Currency.TryParse(Pivot, out _))
        {
            problems.Add($"{Section}:Pivot '{Pivot}' is not an ISO 4217 currency.");
        }

        if (!UsesFile && Rates.Count > 0)
        {
            FxRatesParseResult parsed = FxRatesCsv.Parse(InlineCsv(), "configuration", DateTimeOffset.UnixEpoch);
            // Line 1 is the header, so rate i is on line i + 2.
            problems.AddRange(parsed.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{Section}:Rates:{e.Line - 2}: {e.Field} '{e.Value}': {e.Reason}")));
        }

        return problems;
    }
}
