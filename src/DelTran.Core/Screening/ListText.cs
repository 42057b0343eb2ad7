using System.Globalization;
using System.Text.RegularExpressions;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>Small text helpers shared by the list readers.</summary>
internal static partial class ListText
{
    /// <summary>Trimmed text with inner runs of white space collapsed; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string trimmed = text.Trim();
        return trimmed.Contains("  ", StringComparison.Ordinal) || trimmed.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0
            ? WhiteSpace().Replace(trimmed, " ")
            : trimmed;
    }

    /// <summary>Joins the non-empty parts with one space; null when all are empty.</summary>
    public static string? Join(params ReadOnlySpan<string?> parts)
    {
        var kept = new List<string>(parts.Length);
        foreach (string? part in parts)
        {
            if (Clean(part) is { } clean)
            {
                kept.Add(clean);
            }
        }

        return kept.Count == 0 ? null : string.Join(' ', kept);
    }

    /// <summary>Eight or eleven characters with a bank code, an assigned country and a location (ISO 9362 shape).</summary>
    public static bool LooksLikeBic(string text) => Bic.TryParse(text, out _);

    public static bool TryDate(string? text, string format, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"SWIFT(?:/BIC)?\s*(?:Code\s*)?:?\s*([A-Z0-9]{8}(?:[A-Z0-9]{3})?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex SwiftInText();
}
