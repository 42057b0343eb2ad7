namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>What a run of the generator has written: sites, repetition maxima, choice branches and value cases, by key.</summary>
public sealed class GenerationCoverage
{
    private readonly HashSet<string> _hits = new(StringComparer.Ordinal);

    public int Count => _hits.Count;

    public void Hit(string key) => _hits.Add(key);

    /// <summary>The goals not reached, in order.</summary>
    public List<string> Missing(IEnumerable<string> goals) => [.. goals.Where(g => !_hits.Contains(g)).Order(StringComparer.Ordinal)];
}
