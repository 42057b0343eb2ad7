using System.Runtime.Intrinsics;

namespace DelTran.Core.Screening;

/// <summary>
/// How many of each character a token holds, in 32 buckets (A-Z, digits folded into five, the rest in one).
/// Two tokens cannot match more characters than their bags share, which bounds their Jaro-Winkler similarity
/// from above without computing it: the index skips a vocabulary token when even that bound is below the floor.
/// </summary>
internal readonly struct LetterBag
{
    // Past 255 of one character the byte counts would saturate and the bound would no longer hold.
    private const int MaxExactLength = 255;

    private readonly Vector128<byte> _low;
    private readonly Vector128<byte> _high;

    private LetterBag(Vector128<byte> low, Vector128<byte> high, bool exact)
    {
        _low = low;
        _high = high;
        IsExact = exact;
    }

    /// <summary>False for a token too long to count in bytes; such a token is never skipped.</summary>
    public bool IsExact { get; }

    public static LetterBag Of(string token)
    {
        Span<byte> counts = stackalloc byte[32];
        foreach (char c in token)
        {
            int bucket = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= '0' and <= '9' => 26 + ((c - '0') % 5),
                _ => 31,
            };
            counts[bucket] = (byte)Math.Min(byte.MaxValue, counts[bucket] + 1);
        }

        return new LetterBag(Vector128.Create((ReadOnlySpan<byte>)counts[..16]), Vector128.Create((ReadOnlySpan<byte>)counts[16..]), token.Length <= MaxExactLength);
    }

    /// <summary>An upper bound on the characters two tokens can match: the size of their bags' intersection.</summary>
    public static int Shared(in LetterBag a, in LetterBag b)
    {
        Vector128<byte> low = Vector128.Min(a._low, b._low);
        Vector128<byte> high = Vector128.Min(a._high, b._high);
        return Vector128.Sum(Vector128.WidenLower(low)) + Vector128.Sum(Vector128.WidenUpper(low))
            + Vector128.Sum(Vector128.WidenLower(high)) + Vector128.Sum(Vector128.WidenUpper(high));
    }
}
