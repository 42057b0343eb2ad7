using System.Globalization;

namespace DelTran.Core.Fx;

/// <summary>
/// Reads the rates file format: CSV with the columns <c>pair,bid,ask,valid_from,valid_to</c>, e.g.
/// <c>USD/INR,83.10,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z</c>. The header line is optional; blank lines
/// and lines starting with '#' are skipped. A pair is "USD/INR" or "USDINR"; numbers are invariant decimals with a
/// point and no exponent; times are ISO 8601 with an explicit offset ('Z' or ±hh:mm), since a rate valid "from 09:00"
/// in nobody's time zone is a guess. No I/O: the Host reads the file and passes its text.
/// </summary>
public static class FxRatesCsv
{
    public const string Header = "pair,bid,ask,valid_from,valid_to";

    private static readonly string[] UtcFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    public static FxRatesParseResult Parse(string text, string versionId, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(versionId);

        var errors = new List<FxRatesError>();
        var quotes = new List<(int Line, FxQuote Quote)>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#') || (quotes.Count == 0 && errors.Count == 0 && IsHeader(line)))
            {
                continue;
            }

            if (ParseLine(line, number, errors) is { } quote)
            {
                if (quotes.FirstOrDefault(q => q.Quote.Overlaps(quote)) is { Quote: not null } clash)
                {
                    errors.Add(new FxRatesError(number, "valid_from", quote.ValidFrom.ToString("O", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{quote.Pair} overlaps the quote for {clash.Quote.Pair} on line {clash.Line}.")));
                }
                else
                {
                    quotes.Add((number, quote));
                }
            }
        }

        if (quotes.Count == 0 && errors.Count == 0)
        {
            errors.Add(new FxRatesError(0, "file", string.Empty, "The file holds no rates."));
        }

        List<FxQuote> parsed = [.. quotes.Select(q => q.Quote)];
        return new FxRatesParseResult(errors.Count == 0 ? new FxRateTable(versionId, loadedAt, parsed) : null, parsed, errors);
    }

    private static bool IsHeader(string line) =>
        string.Equals(string.Join(',', line.Split(',').Select(f => f.Trim())), Header, StringComparison.OrdinalIgnoreCase);

    private static FxQuote? ParseLine(string line, int number, List<FxRatesError> errors)
    {
        string[] fields = line.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 5)
        {
            errors.Add(new FxRatesError(number, "line", line, string.Create(CultureInfo.InvariantCulture, $"Expected 5 fields ({Header}), found {fields.Length}.")));
            return null;
        }

        int before = errors.Count;
        if (!CurrencyPair.TryParse(fields[0], out CurrencyPair pair))
        {
            errors.Add(new FxRatesError(number, "pair", fields[0], "Not a pair of two different ISO 4217 codes, such as USD/INR."));
        }

        decimal bid = Rate(fields[1], "bid", number, errors);
        decimal ask = Rate(fields[2], "ask", number, errors);
        if (bid > 0 && ask > 0 && ask < bid)
        {
            errors.Add(new FxRatesError(number, "ask", fields[2], string.Create(CultureInfo.InvariantCulture, $"The ask is below the bid {bid}.")));
        }

        DateTimeOffset? from = Time(fields[3], "valid_from", number, errors);
        DateTimeOffset? to = Time(fields[4], "valid_to", number, errors);
        if (from is { } start && to is { } end && end <= start)
        {
            errors.Add(new FxRatesError(number, "valid_to", fields[4], "The validity must end after it starts."));
        }

        return errors.Count == before ? new FxQuote(pair, bid, ask, from!.Value, to!.Value) : null;
    }

    private static decimal Rate(string text, string field, int number, List<FxRatesError> errors)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal rate) || rate <= 0)
        {
            errors.Add(new FxRatesError(number, field, text, "Not a positive decimal rate such as 83.10."));
            return 0m;
        }

        return rate;
    }

    private static DateTimeOffset? Time(string text, string field, int number, List<FxRatesError> errors)
    {
        if (DateTimeOffset.TryParseExact(text, UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset utc))
        {
            return utc;
        }

        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset time))
        {
            return time;
        }

        errors.Add(new FxRatesError(number, field, text, "Not an ISO 8601 time with an offset, such as 2026-11-24T00:00:00Z."));
        return null;
    }
}
