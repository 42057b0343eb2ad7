using DelTran.Core.Amounts;

namespace DelTran.Core.Fx;

/// <summary>
/// One version of the rates: an id and when it was loaded (both recorded with every conversion priced from it), and
/// the quotes. At any instant at most one quote prices a pair of currencies, in either order; a table with two is a
/// bug in the loader, which <see cref="FxRatesCsv"/> reports as an error before building one.
/// </summary>
public sealed class FxRateTable
{
    private readonly List<FxQuote> _quotes;

    public FxRateTable(string versionId, DateTimeOffset loadedAt, IEnumerable<FxQuote> quotes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(versionId);
        ArgumentNullException.ThrowIfNull(quotes);
        _quotes = [.. quotes];
        for (int i = 0; i < _quotes.Count; i++)
        {
            for (int j = i + 1; j < _quotes.Count; j++)
            {
                if (_quotes[i].Overlaps(_quotes[j]))
                {
                    throw new ArgumentException($"Quotes for {_quotes[i].Pair} and {_quotes[j].Pair} overlap in time.", nameof(quotes));
                }
            }
        }

        VersionId = versionId;
        LoadedAt = loadedAt;
    }

    public string VersionId { get; }

    public DateTimeOffset LoadedAt { get; }

    public IReadOnlyList<FxQuote> Quotes => _quotes;

    /// <summary>The quote that converts between the two currencies at <paramref name="now"/>, whichever is its base; null if none.</summary>
    public FxQuote? Find(Currency from, Currency to, DateTimeOffset now) =>
        _quotes.FirstOrDefault(q => q.Pair.Joins(from, to) && q.IsValidAt(now));
}
