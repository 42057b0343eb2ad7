namespace DelTran.Core.Screening;

/// <summary>
/// How similar two normalised names are, as a score in [0, 1] (a double: scores are not money).
/// <para>
/// Token similarity is Jaro-Winkler, counted only when it reaches <see cref="TokenFloor"/> and the tokens share a
/// block: the same first sound and the same second or third (vowels, C/K/Q, S/Z and V/W each count as one sound).
/// Otherwise two tokens are simply different words. The blocks are also how <see cref="SanctionsIndex"/> finds
/// candidates, so the index returns exactly the scores this class computes by brute force.
/// </para>
/// <para>
/// A name's score is symmetric: each query token takes its best similarity among the candidate's tokens,
/// weighted by token length; the same is done from the candidate's side; the score is the mean of the two.
/// Extra or missing tokens on either side therefore pull the score down, and word order never matters.
/// </para>
/// </summary>
public static class NameMatcher
{
    /// <summary>Token pairs less similar than this count as different words.</summary>
    public const double TokenFloor = 0.80;

    public static double TokenSimilarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        return SameBlock(a, b) ? SimilarityWithinBlock(a, b) : 0.0;
    }

    /// <summary>Score of two names by brute force over all token pairs. <see cref="SanctionsIndex"/> gives the same numbers faster.</summary>
    public static double Score(NormalizedName query, NormalizedName candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        if (query.IsEmpty || candidate.IsEmpty)
        {
            return 0.0;
        }

        var bestQuery = new double[query.Tokens.Count];
        var bestCandidate = new double[candidate.Tokens.Count];
        for (int i = 0; i < bestQuery.Length; i++)
        {
            for (int j = 0; j < bestCandidate.Length; j++)
            {
                double similarity = TokenSimilarity(query.Tokens[i], candidate.Tokens[j]);
                bestQuery[i] = Math.Max(bestQuery[i], similarity);
                bestCandidate[j] = Math.Max(bestCandidate[j], similarity);
            }
        }

        return Combine(query, bestQuery, candidate, bestCandidate);
    }

    /// <summary><see cref="TokenSimilarity"/> for two tokens already known to share a block.</summary>
    internal static double SimilarityWithinBlock(string a, string b)
    {
        double similarity = JaroWinkler.Similarity(a, b);
        return similarity >= TokenFloor ? similarity : 0.0;
    }

    /// <summary>
    /// The blocks a token belongs to: its first two sound classes and, from three characters on, its first and third,
    /// so that one wrong second letter still meets. Two tokens are comparable exactly when they share a block.
    /// </summary>
    internal static (string Primary, string? Secondary) BlockKeys(string token) => token.Length switch
    {
        0 => (string.Empty, null),
        1 => (new string(SoundClass(token[0]), 1), null),
        2 => (new string([SoundClass(token[0]), SoundClass(token[1])]), null),
        _ => (new string([SoundClass(token[0]), SoundClass(token[1])]), new string([SoundClass(token[0]), '|', SoundClass(token[2])])),
    };

    /// <summary>
    /// False when two tokens of these lengths, sharing at most <paramref name="sharedCharacters"/> characters and a
    /// common prefix of <paramref name="prefix"/>, cannot reach <see cref="TokenFloor"/>: Jaro is at most
    /// (m/|a| + m/|b| + 1) / 3 with m matched characters and no transpositions, and Winkler's boost only grows with it.
    /// </summary>
    internal static bool CanReachFloor(int sharedCharacters, int lengthA, int lengthB, int prefix)
    {
        int matches = Math.Min(sharedCharacters, Math.Min(lengthA, lengthB));
        if (matches == 0)
        {
            return false;
        }

        double jaroBound = (((double)matches / lengthA) + ((double)matches / lengthB) + 1.0) / 3.0;

        // The margin keeps rounding from ever skipping a pair the exact computation would keep.
        return JaroWinkler.Boost(jaroBound, prefix) >= TokenFloor - 1e-9;
    }

    /// <summary>Length-weighted mean of the best token similarities, from both sides.</summary>
    internal static double Combine(NormalizedName query, ReadOnlySpan<double> bestQuery, NormalizedName candidate, ReadOnlySpan<double> bestCandidate) =>
        (Weighted(query, bestQuery) + Weighted(candidate, bestCandidate)) / 2.0;

    // Same as sharing one of BlockKeys: a one-letter token (an initial) only meets another initial.
    private static bool SameBlock(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0 || SoundClass(a[0]) != SoundClass(b[0]))
        {
            return false;
        }

        if (a.Length == 1 || b.Length == 1)
        {
            return a.Length == b.Length;
        }

        return SoundClass(a[1]) == SoundClass(b[1]) || (a.Length >= 3 && b.Length >= 3 && SoundClass(a[2]) == SoundClass(b[2]));
    }

    private static double Weighted(NormalizedName name, ReadOnlySpan<double> best)
    {
        double sum = 0;
        for (int i = 0; i < best.Length; i++)
        {
            sum += name.Tokens[i].Length * best[i];
        }

        return sum / name.TotalLength;
    }

    // Letters that transliterations swap at the start of a word share a class: Osama/Usama, Kareem/Careem/Qarim, Zaid/Said, Wahid/Vahid.
    private static char SoundClass(char c) => c switch
    {
        'A' or 'E' or 'I' or 'O' or 'U' or 'Y' => 'A',
        'C' or 'K' or 'Q' => 'K',
        'S' or 'Z' => 'S',
        'V' or 'W' => 'V',
        _ => c,
    };
}
