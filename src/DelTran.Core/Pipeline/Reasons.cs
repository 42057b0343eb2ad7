using System.Text;
using DelTran.Core.Validation;

namespace DelTran.Core.Pipeline;

/// <summary>
/// The one way a row's reasons are kept and shown. A row may carry several (every finding of a rejected transaction,
/// every message-level finding of a rejected message), so each surface reads them here and none joins or splits them
/// by itself.
/// <list type="bullet">
/// <item><b>Stored</b> (transactions.reason_text, messages.reject_reasons): one reason a line, "CODE path: text" for a
/// validation finding; a stage's decision is a plain text whose code is the row's reason code.</item>
/// <item><b>Readable</b> (a cell of the audit pack, the terminal): "CODE: text (path); CODE: text", in the order they
/// were found, each once, on one line. Inside a text, line breaks become spaces and ';' becomes ',', so "; " only ever
/// separates two reasons: <c>AM12: Amount 1500.125 has 3 decimals, INR allows 2. (/Document/…/IntrBkSttlmAmt); RC01: …</c>.</item>
/// </list>
/// </summary>
public static class Reasons
{
    /// <summary>Between two reasons in the readable form.</summary>
    public const string Separator = "; ";

    /// <summary>The code of a stored line without one, when the row has none either: narrative.</summary>
    public const string Narrative = "NARR";

    /// <summary>Validation findings as stored: "CODE path: message", one a line.</summary>
    public static string Store(IEnumerable<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return string.Join("\n", issues.Select(i => $"{i.Code} {i.Path}: {OneLine(i.Message, keepSemicolons: true)}"));
    }

    /// <summary>
    /// The reasons of a stored text: each line that starts with a code (four capitals or digits and a space) is that
    /// code's, with the path before its first ": " when the rest starts with '/'; a line without a code takes
    /// <paramref name="rowCode"/> (else <see cref="Narrative"/>). No text but a code gives that code alone.
    /// </summary>
    public static IReadOnlyList<Reason> Parse(string? storedText, string? rowCode = null)
    {
        var reasons = new List<Reason>();
        foreach (string raw in (storedText ?? string.Empty).Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string head = space > 0 ? line[..space] : string.Empty;
            if (!IsCode(head))
            {
                reasons.Add(new Reason(rowCode ?? Narrative, null, line));
                continue;
            }

            string rest = line[(space + 1)..];
            int colon = rest.IndexOf(": ", StringComparison.Ordinal);
            reasons.Add(rest.StartsWith('/') && colon > 0
                ? new Reason(head, rest[..colon], rest[(colon + 2)..])
                : new Reason(head, null, rest));
        }

        if (reasons.Count == 0 && rowCode is not null)
        {
            reasons.Add(new Reason(rowCode, null, null));
        }

        return reasons;
    }

    /// <summary>The readable form of a row's stored reasons; empty when it has none.</summary>
    public static string Readable(string? rowCode, string? storedText) => Readable(Parse(storedText, rowCode));

    /// <summary>"CODE: text (path); CODE: text": each reason once, in order, on one line.</summary>
    public static string Readable(IEnumerable<Reason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var cell = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Reason reason in reasons)
        {
            var one = new StringBuilder(reason.Code);
            if (reason.Text is { } text && OneLine(text, keepSemicolons: false) is { Length: > 0 } clean)
            {
                one.Append(": ").Append(clean);
            }

            // A message-level finding's path "/" says nothing.
            if (reason.Path is { Length: > 1 } path)
            {
                one.Append(" (").Append(OneLine(path, keepSemicolons: false)).Append(')');
            }

            string written = one.ToString();
            if (seen.Add(written))
            {
                cell.Append(cell.Length == 0 ? string.Empty : Separator).Append(written);
            }
        }

        return cell.ToString();
    }

    /// <summary>The distinct codes of a stored text, in order: what a summary line lists.</summary>
    public static IReadOnlyList<string> Codes(string? storedText, string? rowCode = null) =>
        [.. Parse(storedText, rowCode).Select(r => r.Code).Distinct(StringComparer.Ordinal)];

    private static bool IsCode(string head) => head.Length == 4 && head.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    private static string OneLine(string text, bool keepSemicolons)
    {
        var line = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c == ';' && !keepSemicolons ? ',' : c);
        }

        return line.ToString();
    }
}
