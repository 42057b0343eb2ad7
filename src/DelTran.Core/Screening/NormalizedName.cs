namespace DelTran.Core.Screening;

/// <summary>
/// A name reduced to comparable tokens: upper-case ASCII where the script allows, no diacritics or punctuation,
/// no honorifics or legal forms, transliteration variants folded. Tokens keep the name's reading order
/// ("LAST, First" becomes "First LAST"); <see cref="Key"/> sorts them, so word order never matters for equality.
/// </summary>
public sealed class NormalizedName
{
    public NormalizedName(IReadOnlyList<string> tokens, string? joined = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        string[] copy = [.. tokens];
        Tokens = copy;
        int length = 0;
        foreach (string token in copy)
        {
            length += token.Length;
        }

        TotalLength = length;
        _joined = joined;
    }

    public static NormalizedName Empty { get; } = new([]);

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The tokens sorted and joined by one space: two names with the same key are the same name.</summary>
    // Made on first use: screening never reads it, and sorting and joining on every query cost more than the rest of normalising.
    public string Key => field ??= string.Join(' ', Tokens.Order(StringComparer.Ordinal));

    private string? _joined;

    /// <summary>
    /// The name's letters run together in reading order and folded, every word kept (legal forms, articles) and no
    /// variant spelling replaced: the same for FATMIR LIMAJ, FATMI RLIMAJ and FATMIRLIMAJ, or LIMITED LIABILITY and
    /// LIMITE DLIABILITY, which token-by-token comparison cannot join. Without the original text (a name made from
    /// tokens), the tokens run together.
    /// </summary>
    public string Joined => _joined ??= NameNormalizer.Fold(string.Concat(Tokens));

    /// <summary>Sum of the token lengths, the weight of the name in a score.</summary>
    public int TotalLength { get; }

    public bool IsEmpty => Tokens.Count == 0;

    public override string ToString() => string.Join(' ', Tokens);
}
