namespace DelTran.Core.Screening;

/// <summary>
/// Jaro-Winkler similarity of two strings, in [0, 1]: Jaro's matching-characters measure with Winkler's bonus
/// for a common prefix (up to 4 characters, scale 0.1, applied when Jaro exceeds 0.7, as in Winkler's paper).
/// </summary>
public static class JaroWinkler
{
    public const double PrefixScale = 0.1;
    public const int MaxPrefix = 4;
    public const double BoostThreshold = 0.7;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0.0;
        }

        return Boost(Jaro(a, b), CommonPrefix(a, b));
    }

    /// <summary>Winkler's adjustment of a Jaro similarity for a common prefix of <paramref name="prefix"/> characters.</summary>
    public static double Boost(double jaro, int prefix) =>
        jaro > BoostThreshold ? jaro + (Math.Min(prefix, MaxPrefix) * PrefixScale * (1.0 - jaro)) : jaro;

    public static int CommonPrefix(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int limit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
        int prefix = 0;
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return prefix;
    }

    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty && b.IsEmpty ? 1.0 : 0.0;
        }

        // Tokens of names fit the 64-bit masks; longer text takes the general path.
        return a.Length <= 64 && b.Length <= 64 ? JaroShort(a, b) : JaroLong(a, b);
    }

    private static double JaroShort(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        ulong matchedA = 0;
        ulong matchedB = 0;
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int to = Math.Min(b.Length - 1, i + window);
            for (int j = Math.Max(0, i - window); j <= to; j++)
            {
                ulong bit = 1UL << j;
                if ((matchedB & bit) == 0 && a[i] == b[j])
                {
                    matchedA |= 1UL << i;
                    matchedB |= bit;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        int halfTranspositions = 0;
        int k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if ((matchedA & (1UL << i)) == 0)
            {
                continue;
            }

            while ((matchedB & (1UL << k)) == 0)
            {
                k++;
            }

            if (a[i] != b[k])
            {
                halfTranspositions++;
            }

            k++;
        }

        return Combine(matches, halfTranspositions, a.Length, b.Length);
    }

    private static double JaroLong(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        bool[] matchedA = new bool[a.Length];
        bool[] matchedB = new bool[b.Length];
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int to = Math.Min(b.Length - 1, i + window);
            for (int j = Math.Max(0, i - window); j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        int halfTranspositions = 0;
        int k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                halfTranspositions++;
            }

            k++;
        }

        return Combine(matches, halfTranspositions, a.Length, b.Length);
    }

    private static double Combine(int matches, int halfTranspositions, int lengthA, int lengthB)
    {
        double m = matches;
        return ((m / lengthA) + (m / lengthB) + ((m - (halfTranspositions / 2)) / m)) / 3.0;
    }
}
