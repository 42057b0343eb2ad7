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
        return Remember(_results, name, n => index.Screen(n, options));
    }

    /// <summary><see cref="SanctionsIndex.ScreenBic"/>, remembered within the same bound.</summary>
    public IReadOnlyList<ScreeningMatch> ScreenBic(string? bic) => bic is null ? [] : Remember(_bics, bic, index.ScreenBic);

    private TResult Remember<TResult>(ConcurrentDictionary<string, TResult> known, string key, Func<string, TResult> screen)
    {
        if (known.TryGetValue(key, out TResult? result))
        {
            return result;
        }

        result = screen(key);
        if (known.Count < capacity)
        {
            known.TryAdd(key, result);
        }

        return result;
    }
}
