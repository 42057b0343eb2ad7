namespace DelTran.Core.Screening;

/// <summary>
/// How similar two normalised names are, as a score in [0, 1] (a double: scores are not money).
/// <para>
/// Token similarity is Jaro-Winkler, counted only when it reaches <see cref="TokenFloor"/> and the tokens share a
/// block: the same first sound and the same second or third (vowels, C/K/Q, S/Z and V/W each count as one sound).
/// Otherwise two tokens are simply different words. Between the floor and <see cref="PartialKnee"/> it is lowered
/// steeply: a typo in a long word stays near 1, while two merely alike words count for little. The blocks are also how <see cref="SanctionsIndex"/> finds
/// candidates, so the index returns exactly the scores this class computes by brute force.
/// </para>
/// <para>
/// A name's score is symmetric: each query token takes its best similarity among the candidate's tokens, weighted
/// by token length (the query's coverage); the same is done from the candidate's side. The score weighs the better
/// coverage by <see cref="BetterSideWeight"/> (rising to <see cref="WholeSideWeight"/> when that side is matched
/// exactly) and the other by the rest, so a name that is all contained in the other (a middle name left out, or added)
/// still scores high enough to be held, while extra or missing tokens keep it below a hit; word order never matters.
/// When either name is a single word, both sides weigh the same.
/// </para>
/// </summary>
public static class NameMatcher
{
    /// <summary>Weight of the better-covered side in a name's score while that side is matched only in part.</summary>
    public const double BetterSideWeight = 0.7;

    /// <summary>
    /// Weight of the better-covered side when every word of it is matched exactly, rising from
    /// <see cref="BetterSideWeight"/> as its coverage goes from <see cref="WholeSideFrom"/> to 1. A name wholly contained
    /// in the other is the usual left-out (or added) middle name or patronymic: at 0.8 Nikolai LEVICHEV against Nikolai
    /// Vladimirovich LEVICHEV scores 0.91 and a listed name of three equal words matched by two scores 0.93, held and
    /// not rejected, while two names that differ a little in several words keep the lower weight.
    /// </summary>
    public const double WholeSideWeight = 0.8;

    /// <summary>The coverage of the better side from which its weight starts to rise to <see cref="WholeSideWeight"/>.</summary>
    public const double WholeSideFrom = 0.98;

    /// <summary>
    /// Weight of the better-covered side when all its words are common among the listed names (<see cref="IsInformative"/>):
    /// below <see cref="BetterSideWeight"/>, so that a common given name found inside an ordinary name with a surname
    /// of its own (ABDUL AZIZ in Abdulaziz Al Dhaheri) is not held, while a common name that misses a word is.
    /// </summary>
    public const double UninformativeSideWeight = 0.6;

    /// <summary>Token pairs less similar than this count as different words.</summary>
    public const double TokenFloor = 0.80;

    /// <summary>
    /// Jaro-Winkler below this is more often two different words than one word with a typo (TUNAIJI/TUNISI,
    /// MARINA/MAIWAND, GRANITE/GRANDEUR): such a pair counts for less, by <see cref="PartialPenalty"/>.
    /// </summary>
    public const double PartialKnee = 0.92;

    /// <summary>Each point of Jaro-Winkler below <see cref="PartialKnee"/> costs this many more: 0.85 counts as 0.64.</summary>
    public const double PartialPenalty = 3.0;

    /// <summary>
    /// Similarity of two tokens one edit apart (<see cref="OneEdit"/>) when the longer has at least
    /// <see cref="OneEditMinLength"/> letters: a typo, wherever it falls in the word, counts as at or above the knee.
    /// </summary>
    public const double OneEditSimilarity = 0.93;

    /// <summary>Shorter words one edit apart are as often two names (OMAR, OMAN; ALI, ALY, ELI) as one with a typo.</summary>
    public const int OneEditMinLength = 5;

    /// <summary>Score of two names whose <see cref="NormalizedName.Joined"/> forms are equal but whose words differ: a space moved, left out or added.</summary>
    public const double SameLettersScore = 0.95;

    /// <summary>Score of two names whose joined forms are one edit apart: a space moved and a typo, or a space moved across a fold.</summary>
    public const double JoinedOneEditScore = 0.90;

    /// <summary>Joined forms shorter than this are compared only for equality: one edit in a short run of letters is another name.</summary>
    public const int JoinedOneEditMinLength = 10;

    public static double TokenSimilarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        double similarity = SameBlock(a, b) ? SimilarityWithinBlock(a, b) : 0.0;
        return similarity < OneEditSimilarity && IsTypo(a, b) ? OneEditSimilarity : similarity;
    }

    /// <summary>
    /// True when two different tokens are one edit apart, long enough for that to be a typo, and begin with the same
    /// sound: a slip in the first letter is the rarest, and there one edit joins different names (HAMAD and AHMAD,
    /// SAMIR and AMIR, DAHERI and TAHERI).
    /// </summary>
    internal static bool IsTypo(string a, string b) =>
        Math.Max(a.Length, b.Length) >= OneEditMinLength && SoundClass(a[0]) == SoundClass(b[0]) && OneEdit.Within(a, b);

    /// <summary>
    /// The score two names get from their letters alone, spaces ignored (<see cref="NormalizedName.Joined"/>):
    /// <see cref="SameLettersScore"/> when equal, <see cref="JoinedOneEditScore"/> when one edit apart and long
    /// enough, else 0. Two names with more than one word between them only.
    /// </summary>
    public static double JoinedScore(NormalizedName query, NormalizedName candidate)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        if (query.IsEmpty || candidate.IsEmpty || (query.Tokens.Count == 1 && candidate.Tokens.Count == 1))
        {
            return 0.0;
        }

        string a = query.Joined;
        string b = candidate.Joined;
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return SameLettersScore;
        }

        return Math.Max(a.Length, b.Length) >= JoinedOneEditMinLength && OneEdit.Within(a, b) ? JoinedOneEditScore : 0.0;
    }

    /// <summary>
    /// Score of two names by brute force over all token pairs, each token paired with at most one of the other name's
    /// (the most similar pairs first), so that KABI and KALID cannot both lean on one listed KHALID.
    /// <see cref="SanctionsIndex"/> gives the same numbers faster.
    /// </summary>
    public static double Score(NormalizedName query, NormalizedName candidate, IReadOnlySet<string>? commonTokens = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidate);
        if (query.IsEmpty || candidate.IsEmpty)
        {
            return 0.0;
        }

        int n = query.Tokens.Count;
        int m = candidate.Tokens.Count;
        Span<double> pairs = n * m <= 256 ? stackalloc double[n * m] : new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                pairs[(i * m) + j] = TokenSimilarity(query.Tokens[i], candidate.Tokens[j]);
            }
        }

        Span<double> bestQuery = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> bestCandidate = m <= 64 ? stackalloc double[m] : new double[m];
        bestQuery.Clear();
        bestCandidate.Clear();
        Span<bool> usedQuery = n <= 64 ? stackalloc bool[n] : new bool[n];
        Span<bool> usedCandidate = m <= 64 ? stackalloc bool[m] : new bool[m];
        usedQuery.Clear();
        usedCandidate.Clear();
        for (int round = Math.Min(n, m); round > 0; round--)
        {
            // Greedy assignment: the most similar free pair; ties go to the earlier tokens, so the result is deterministic.
            int bestI = -1;
            int bestJ = -1;
            double best = 0.0;
            for (int i = 0; i < n; i++)
            {
                if (usedQuery[i])
                {
                    continue;
                }

                for (int j = 0; j < m; j++)
                {
                    if (!usedCandidate[j] && pairs[(i * m) + j] > best)
                    {
                        (best, bestI, bestJ) = (pairs[(i * m) + j], i, j);
                    }
                }
            }

            if (bestI < 0)
            {
                break;
            }

            usedQuery[bestI] = usedCandidate[bestJ] = true;
            bestQuery[bestI] = bestCandidate[bestJ] = best;
        }

        return Math.Max(
            Combine(query, bestQuery, candidate, bestCandidate, IsInformative(query, commonTokens), IsInformative(candidate, commonTokens)),
            JoinedScore(query, candidate));
    }

    /// <summary>
    /// <see cref="TokenSimilarity"/> for two tokens already known to share a block: Jaro-Winkler from the floor up,
    /// lowered below <see cref="PartialKnee"/>. Always above zero for a pair at the floor (0.44 at 0.80).
    /// </summary>
    internal static double SimilarityWithinBlock(string a, string b)
    {
        double similarity = JaroWinkler.Similarity(a, b);
        if (similarity < TokenFloor)
        {
            return 0.0;
        }

        return similarity >= PartialKnee ? similarity : similarity - (PartialPenalty * (PartialKnee - similarity));
    }

    /// <summary>
    /// The blocks a token belongs to: its first two sound classes and, from three characters on, its first and third and
    /// its first and last when the last is a consonant (a final vowel is too common in Arabic and Indian names to say much),
    /// so that a wrong, missing or swapped letter inside the word still meets. Two tokens are
    /// comparable exactly when they share a block.
    /// </summary>
    internal static string[] BlockKeys(string token) => token.Length switch
    {
        0 => [string.Empty],
        1 => [new string(SoundClass(token[0]), 1)],
        2 => [new string([SoundClass(token[0]), SoundClass(token[1])])],
        _ when SoundClass(token[^1]) == 'A' =>
        [
            new string([SoundClass(token[0]), SoundClass(token[1])]),
            new string([SoundClass(token[0]), '|', SoundClass(token[2])]),
        ],
        _ =>
        [
            new string([SoundClass(token[0]), SoundClass(token[1])]),
            new string([SoundClass(token[0]), '|', SoundClass(token[2])]),
            new string([SoundClass(token[0]), '>', SoundClass(token[^1])]),
        ],
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
    /// <summary>
    /// The score from each token's best similarity on the other side. With every token free to pair with any other (not
    /// one to one) this is an upper bound of <see cref="Score"/>, which is how the index uses it.
    /// </summary>
    internal static double Combine(NormalizedName query, ReadOnlySpan<double> bestQuery, NormalizedName candidate, ReadOnlySpan<double> bestCandidate, bool queryInformative, bool candidateInformative)
    {
        double fromQuery = Weighted(query, bestQuery);
        double fromCandidate = Weighted(candidate, bestCandidate);
        return Weigh(fromQuery, fromCandidate, query.Tokens.Count == 1 || candidate.Tokens.Count == 1, queryInformative, candidateInformative);
    }

    /// <summary>
    /// <see cref="Combine(NormalizedName, ReadOnlySpan{double}, NormalizedName, ReadOnlySpan{double}, bool, bool)"/> from the token
    /// lengths alone, the same sums in the same order (so the same number), for the index's flat arrays.
    /// </summary>
    internal static double Combine(ReadOnlySpan<int> queryLengths, int queryLength, ReadOnlySpan<double> bestQuery, ReadOnlySpan<int> candidateLengths, int candidateLength, ReadOnlySpan<double> bestCandidate, bool queryInformative, bool candidateInformative)
    {
        double fromQuery = Weighted(queryLengths, queryLength, bestQuery);
        double fromCandidate = Weighted(candidateLengths, candidateLength, bestCandidate);
        return Weigh(fromQuery, fromCandidate, queryLengths.Length == 1 || candidateLengths.Length == 1, queryInformative, candidateInformative);
    }

    /// <summary>
    /// The score from the two coverages. It never falls when either coverage grows, so the index may bound it from
    /// bounds of the coverages, and it is at most <see cref="WholeSideWeight"/> × the better + the rest × the other.
    /// </summary>
    private static double Weigh(double fromQuery, double fromCandidate, bool singleWord, bool queryInformative, bool candidateInformative)
    {
        // One word found inside a longer name (LAUREN in "Lauren Smith") says little: both sides weigh the same then.
        if (singleWord)
        {
            return 0.5 * (fromQuery + fromCandidate);
        }

        // Equal coverages give the same score whichever side counts as the better.
        return fromQuery >= fromCandidate
            ? BetterSide(fromQuery, fromCandidate, queryInformative)
            : BetterSide(fromCandidate, fromQuery, candidateInformative);
    }

    private static double BetterSide(double better, double other, bool informative)
    {
        double weight = UninformativeSideWeight;
        if (informative)
        {
            double whole = Math.Clamp((better - WholeSideFrom) / (1.0 - WholeSideFrom), 0.0, 1.0);
            weight = BetterSideWeight + ((WholeSideWeight - BetterSideWeight) * whole);
        }

        return (weight * better) + ((1.0 - weight) * other);
    }

    /// <summary>
    /// False when every token of the name is common among the listed names (<paramref name="commonTokens"/>): such a
    /// name (ABDUL AZIZ, MUHAMMAD UMAR, AHMAD SULTAN) is found inside thousands of ordinary ones, so its being wholly
    /// matched counts for less (<see cref="UninformativeSideWeight"/>).
    /// </summary>
    public static bool IsInformative(NormalizedName name, IReadOnlySet<string>? commonTokens)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (commonTokens is null || commonTokens.Count == 0)
        {
            return true;
        }

        foreach (string token in name.Tokens)
        {
            if (!commonTokens.Contains(token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The least share of the query's length a candidate must match to reach <paramref name="threshold"/>: the score is
    /// at most <see cref="WholeSideWeight"/> + (1 − <see cref="WholeSideWeight"/>) × the query's coverage.
    /// </summary>
    internal static double NeededQueryShare(double threshold) => (threshold - WholeSideWeight) / (1.0 - WholeSideWeight);

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

        return SoundClass(a[1]) == SoundClass(b[1])
            || (a.Length >= 3 && b.Length >= 3 && (SoundClass(a[2]) == SoundClass(b[2]) || (SoundClass(a[^1]) == SoundClass(b[^1]) && SoundClass(a[^1]) != 'A')));
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

    private static double Weighted(ReadOnlySpan<int> lengths, int total, ReadOnlySpan<double> best)
    {
        double sum = 0;
        for (int i = 0; i < best.Length; i++)
        {
            sum += lengths[i] * best[i];
        }

        return sum / total;
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
