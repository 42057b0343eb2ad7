namespace DelTran.Core.Screening;

/// <summary>
/// Whether two strings are at most one edit apart: one letter replaced, left out, added, or two neighbours swapped
/// (the restricted Damerau-Levenshtein distance is at most 1). That is the common typing error, and Jaro-Winkler rates
/// it unevenly: a slip in the first letters of a short word (FHAMI for FAHMI) scores below a slip at its end.
/// </summary>
public static class OneEdit
{
    public static bool Within(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => a.Length >= b.Length ? LongerFirst(a, b) : LongerFirst(b, a);

    private static bool LongerFirst(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int extra = a.Length - b.Length;
        if (extra > 1)
        {
            return false;
        }

        int start = a.CommonPrefixLength(b);
        if (start == b.Length)
        {
            return true; // equal, or a with one letter added at its end
        }

        if (extra == 1)
        {
            return a[(start + 1)..].SequenceEqual(b[start..]);
        }

        // Same length: one letter replaced, or two neighbours swapped.
        return a[(start + 1)..].SequenceEqual(b[(start + 1)..])
            || (start + 1 < a.Length && a[start] == b[start + 1] && a[start + 1] == b[start] && a[(start + 2)..].SequenceEqual(b[(start + 2)..]));
    }
}
