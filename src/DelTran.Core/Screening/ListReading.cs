using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>Collects one entry's names, countries and identifiers while a reader walks its rows or elements.</summary>
internal sealed class EntryBuilder(string id, SanctionsEntryType type)
{
    private readonly List<SanctionsAlias> _aliases = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _programs = [];
    private readonly List<string> _countries = [];
    private readonly List<string> _identifiers = [];

    public string Id { get; } = id;

    public SanctionsEntryType Type { get; set; } = type;

    public string? PrimaryName { get; private set; }

    /// <summary>The first name given becomes the primary name; later ones are aliases, each spelling once.</summary>
    public void AddName(string? name, AliasKind kind = AliasKind.Aka)
    {
        string? clean = ListText.Clean(name);
        if (clean is null || !_names.Add(clean))
        {
            return;
        }

        if (PrimaryName is null)
        {
            PrimaryName = clean;
        }
        else
        {
            _aliases.Add(new SanctionsAlias(clean, kind));
        }
    }

    /// <summary>Makes <paramref name="name"/> the primary name; a primary name already taken becomes an alias.</summary>
    public void SetPrimary(string? name)
    {
        string? clean = ListText.Clean(name);
        if (clean is null)
        {
            return;
        }

        if (PrimaryName is { } previous && !string.Equals(previous, clean, StringComparison.OrdinalIgnoreCase))
        {
            _aliases.RemoveAll(a => string.Equals(a.Name, clean, StringComparison.OrdinalIgnoreCase));
            _aliases.Insert(0, new SanctionsAlias(previous, AliasKind.Aka));
        }

        _names.Add(clean);
        PrimaryName = clean;
    }

    public void AddProgram(string? program) => AddDistinct(_programs, program);

    public void AddCountry(string? country) => AddDistinct(_countries, country);

    public void AddIdentifier(string? identifier)
    {
        string? clean = ListText.Clean(identifier)?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (clean is not null && ListText.LooksLikeBic(clean))
        {
            AddDistinct(_identifiers, clean);
        }
    }

    /// <summary>SWIFT/BIC codes written in free text, e.g. OFAC's remarks "SWIFT/BIC BKCHCNBJ".</summary>
    public void AddIdentifiersFromText(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (Match match in ListText.SwiftInText().Matches(text))
        {
            AddIdentifier(match.Groups[1].Value);
        }
    }

    public SanctionsEntry Build() => new(Id, PrimaryName ?? string.Empty, [.. _aliases], Type, [.. _programs])
    {
        Countries = [.. _countries],
        Identifiers = [.. _identifiers],
    };

    private static void AddDistinct(List<string> list, string? value)
    {
        string? clean = ListText.Clean(value);
        if (clean is not null && !list.Contains(clean, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(clean);
        }
    }
}

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

/// <summary>Keeps the first errors and counts the rest, so a garbage file costs bounded memory.</summary>
internal sealed class IssueSink
{
    // Enough to show what is wrong with a garbage file without holding one error per line of it.
    private const int MaxReported = 50;

    private readonly List<SanctionsLoadIssue> _kept = [];
    private int _dropped;

    public int Count => _kept.Count + _dropped;

    public void Add(SanctionsLoadIssue issue)
    {
        if (_kept.Count < MaxReported)
        {
            _kept.Add(issue);
        }
        else
        {
            _dropped++;
        }
    }

    public void Add(string source, int line, string message) => Add(new SanctionsLoadIssue(source, line, message));

    public List<SanctionsLoadIssue> ToList()
    {
        var all = new List<SanctionsLoadIssue>(_kept);
        if (_dropped > 0)
        {
            all.Add(new SanctionsLoadIssue(_kept[^1].Source, 0, ListText.Invariant($"{_dropped} further error(s) not listed")));
        }

        return all;
    }
}

/// <summary>
/// Streams a list's XML: the root's attributes, then each entry element as a small <see cref="XElement"/>,
/// so a file of any size is read one entry at a time. Safe settings: no DTD, no resolver, no entities.
/// A file cut short is not well-formed, and the <see cref="XmlException"/> becomes an error with its line.
/// </summary>
internal static class ListXml
{
    public delegate void EntryHandler(XElement entry, int line);

    /// <summary>Reads the document; false (with an error added) when it is not well-formed or its root is not <paramref name="rootName"/>.</summary>
    public static bool Read(Stream stream, string source, string rootName, IReadOnlySet<string> elementNames, Action<XmlReader> onRoot, EntryHandler onElement, IssueSink errors)
    {
        XmlReaderSettings settings = SafeXml.ReaderSettings();
        settings.IgnoreWhitespace = false; // names keep the spaces between inline text nodes
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            var lineInfo = (IXmlLineInfo)reader;
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != rootName)
            {
                errors.Add(source, lineInfo.LineNumber, ListText.Invariant($"the root element is <{reader.LocalName}>, not <{rootName}>"));
                return false;
            }

            onRoot(reader);
            reader.MoveToElement();
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && elementNames.Contains(reader.LocalName))
                {
                    int line = lineInfo.LineNumber;
                    onElement((XElement)XNode.ReadFrom(reader), line);
                }
                else
                {
                    reader.Read();
                }
            }

            return true;
        }
        catch (XmlException ex)
        {
            errors.Add(source, ex.LineNumber, "not well-formed XML, the file looks truncated or damaged: " + ex.Message);
            return false;
        }
        catch (DecoderFallbackException ex)
        {
            errors.Add(source, 0, "the file is not valid text in its declared encoding: " + ex.Message);
            return false;
        }
    }

    /// <summary>The first child element with this local name (namespaces differ between publications).</summary>
    public static XElement? Child(XElement element, string localName)
    {
        foreach (XElement child in element.Elements())
        {
            if (child.Name.LocalName == localName)
            {
                return child;
            }
        }

        return null;
    }

    public static IEnumerable<XElement> Children(XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    /// <summary>Descendants with this local name, at any depth (e.g. every addressList/address/country).</summary>
    public static IEnumerable<XElement> Descendants(XElement element, string localName) =>
        element.Descendants().Where(e => e.Name.LocalName == localName);

    public static string? Text(XElement element, string localName) => ListText.Clean(Child(element, localName)?.Value);

    public static string? Attribute(XElement element, string name) => ListText.Clean(element.Attribute(name)?.Value);
}
