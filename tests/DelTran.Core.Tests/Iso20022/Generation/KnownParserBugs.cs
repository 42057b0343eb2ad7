using System.Xml.Linq;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Open bugs in MessageParser.cs (owned by another engineer, so not fixed here), each with its skipped regression test
/// in <see cref="Iso20022.MessageParserKnownBugTests"/>. A rejection of a valid-by-construction instance is let through
/// only when every issue in it is explained, precisely, by one of them; the test prints how many there were.
/// Delete an entry when its bug is fixed.
/// </summary>
public static class KnownParserBugs
{
    public const string Prefix = "known open parser bug: ";

    /// <summary>A description of the known bug that explains every issue of the report, or null.</summary>
    public static string? Explain(string xml, ValidationReport report)
    {
        XElement root = XDocument.Parse(xml).Root!;
        XElement document = root.Name.LocalName == "Document" ? root : root.Elements().First(e => e.Name.LocalName == "Document");
        XNamespace ns = document.Name.Namespace;
        List<XElement> blocks = [.. document.Elements(ns + "CstmrCdtTrfInitn").Elements(ns + "PmtInf")];
        bool explained = report.Issues.Count > 0 && report.Issues.All(issue => IsDtTmWithLeadingWhitespace(issue, blocks, ns));
        return explained ? Prefix + MessageParserKnownBugTests.DtTmWithLeadingWhitespace : null;
    }

    // DT01 on a block's ReqdExctnDt whose DtTm starts with whitespace: ReadDateChoice cuts DtTm[..10] before trimming.
    private static bool IsDtTmWithLeadingWhitespace(ValidationIssue issue, List<XElement> blocks, XNamespace ns)
    {
        const string prefix = "/Document/CstmrCdtTrfInitn/PmtInf[";
        if (issue.Code != ReasonCode.DT01 || !issue.Path.StartsWith(prefix, StringComparison.Ordinal) || !issue.Path.EndsWith("]/ReqdExctnDt", StringComparison.Ordinal))
        {
            return false;
        }

        string position = issue.Path[prefix.Length..^"]/ReqdExctnDt".Length];
        return int.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            && n >= 1 && n <= blocks.Count
            && blocks[n - 1].Element(ns + "ReqdExctnDt")?.Element(ns + "DtTm")?.Value is { Length: > 0 } text
            && char.IsWhiteSpace(text[0]);
    }
}
