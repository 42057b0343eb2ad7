using System.Collections.Concurrent;

namespace DelTran.Core.Screening;

/// <summary>
/// Remembers the result of screening a name against one index with one set of options: the same customers pay again
/// and again, and a name's result cannot change until the index does. Bounded: once full it stops remembering new names
/// (results stay correct, only slower); a new index or new options need a new memo.
/// </summary>
public sealed class ScreeningMemo(SanctionsIndex index, ScreeningOptions options, int capacity = 200_000)
{
    private readonly ConcurrentDictionary<string, NameScreeningResult> _results = new(StringComparer.Ordinal);

    // The BICs of a scheme's agents are few and repeat on every payment.
    private readonly ConcurrentDictionary<string, IReadOnlyList<ScreeningMatch>> _bics = new(StringComparer.Ordinal);

    public SanctionsIndex Index => index;

    public ScreeningOptions Options => options;

    public int Count => _results.Count;

    public NameScreeningResult Screen(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_results.TryGetValue(name, out NameScreeningResult? known))
        {
            return known;
        }

        NameScreeningResult result = index.Screen(name, options);
        if (_results.Count < capacity)
        {
            _results.TryAdd(name, result);
        }

        return result;
    }

    /// <summary><see cref="SanctionsIndex.ScreenBic"/>, remembered within the same bound.</summary>
    public IReadOnlyList<ScreeningMatch> ScreenBic(string? bic)
    {
        if (bic is null)
        {
            return [];
        }

        if (_bics.TryGetValue(bic, out IReadOnlyList<ScreeningMatch>? known))
        {
            return known;
        }

        IReadOnlyList<ScreeningMatch> matches = index.ScreenBic(bic);
        if (_bics.Count < capacity)
        {
            _bics.TryAdd(bic, matches);
        }

        return matches;
    }
}
