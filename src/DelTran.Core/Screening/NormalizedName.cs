namespace DelTran.Core.Screening;

/// <summary>
/// A name reduced to comparable tokens: upper-case ASCII where the script allows, no diacritics or punctuation,
/// no honorifics or legal forms, transliteration variants folded. Tokens keep the name's reading order
/// ("LAST, First" becomes "First LAST"); <see cref="Key"/> sorts them, so word order never matters for equality.
/// </summary>
public sealed class NormalizedName
{
    public NormalizedName(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Tokens = [.. tokens];
        Key = string.Join(' ', Tokens.Order(StringComparer.Ordinal));
        TotalLength = Tokens.Sum(t => t.Length);
    }

    public static NormalizedName Empty { get; } = new([]);

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The tokens sorted and joined by one space: two names with the same key are the same name.</summary>
    public string Key { get; }

    /// <summary>Sum of the token lengths, the weight of the name in a score.</summary>
    public int TotalLength { get; }

    public bool IsEmpty => Tokens.Count == 0;

    public override string ToString() => string.Join(' ', Tokens);
}
