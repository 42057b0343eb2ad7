using System.Diagnostics.CodeAnalysis;

namespace DelTran.Core.Iso20022;

/// <summary>
/// A business identifier code (ISO 9362): 4 party characters, an assigned ISO 3166 country,
/// 2 location characters and an optional 3-character branch. Cannot hold a malformed value.
/// </summary>
public readonly record struct Bic
{
    private Bic(string value) => Value = value;

    public string Value { get; }

    /// <summary>The BIC8 (institution and location), which is how DelTran identifies a participant.</summary>
    public string Institution => Value[..8];

    /// <summary>The institution's BIC8 as a BIC: how a participant is stored, whichever branch sent. A method, so a serialised BIC does not nest itself.</summary>
    public Bic ToInstitution() => Value.Length == 8 ? this : new Bic(Institution);

    public string CountryCode => Value.Substring(4, 2);

    public static bool TryParse([NotNullWhen(true)] string? text, out Bic bic)
    {
        bic = default;
        if (text is null || (text.Length != 8 && text.Length != 11))
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool ok = i is 4 or 5 ? char.IsAsciiLetterUpper(c) : char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);
            if (!ok)
            {
                return false;
            }
        }

        if (!CountryCodes.IsAssigned(text.AsSpan(4, 2)))
        {
            return false;
        }

        // "XXX" is the primary office; keep the BIC11 form as sent so it can be echoed back unchanged.
        bic = new Bic(text);
        return true;
    }

    /// <summary>
    /// A BIC read in any letter case, as the upper-case <see cref="Bic"/> it names ("srcbinbb" is SRCBINBB). For text
    /// that reaches an output without having passed the schema, such as the agents of a rejected transaction; a message's
    /// own BICs are upper case by its schema, and <see cref="TryParse"/> stays strict for them.
    /// </summary>
    public static bool TryParseAnyCase([NotNullWhen(true)] string? text, out Bic bic) => TryParse(text?.ToUpperInvariant(), out bic);

    /// <summary>
    /// How every output writes a BIC: upper case, whatever case it was read in. A text that is no BIC in any case
    /// (a rejected transaction's garbled agent) is not a BIC and is written as it was read, the evidence of what was sent.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Normalize(string? text) => TryParseAnyCase(text, out Bic bic) ? bic.Value : text;

    public static Bic Parse(string text) =>
        TryParse(text, out Bic bic) ? bic : throw new FormatException($"'{text}' is not a valid BIC.");

    public bool SameInstitution(Bic other) => string.Equals(Institution, other.Institution, StringComparison.Ordinal);

    public override string ToString() => Value ?? string.Empty;
}
