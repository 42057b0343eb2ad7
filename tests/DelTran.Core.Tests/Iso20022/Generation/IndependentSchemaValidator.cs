using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Validates a document against XSD files loaded from disk into a schema set of its own, with the reader's plain
/// settings (whitespace kept, as XML Schema sees it), independently of DelTran's reader, parser and embedded
/// schemas. Each error is located from its line and position alone: the document is scanned once more without
/// validation to learn which element's tag or attribute stands where.
/// </summary>
public sealed class IndependentSchemaValidator
{
    private readonly XmlSchemaSet _schemas;

    public IndependentSchemaValidator(IEnumerable<string> xsdFiles)
    {
        _schemas = new XmlSchemaSet { XmlResolver = null };
        foreach (string file in xsdFiles)
        {
            using XmlReader reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            _schemas.Add(null, reader);
        }

        _schemas.Compile();
    }

    /// <summary>The compiled set, for walking it (read only).</summary>
    public XmlSchemaSet Schemas => _schemas;

    public List<SchemaFinding> Validate(string xml)
    {
        var errors = new List<(int Line, int Position, string Message)>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = _schemas,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add((e.Exception.LineNumber, e.Exception.LinePosition, e.Message));
            }
        };

        using (XmlReader reader = XmlReader.Create(new StringReader(xml), settings))
        {
            while (reader.Read())
            {
            }
        }

        if (errors.Count == 0)
        {
            return [];
        }

        List<Tag> tags = Tags(xml);
        return [.. errors.Select(e =>
        {
            Tag tag = Locate(tags, e.Line, e.Position, e.Message);
            return new SchemaFinding(CodeFor(tag.Path), tag.Path, e.Message, tag.Transaction);
        })];
    }

    /// <summary>The reason code DelTran's README gives a schema error at an element: RC01 on a BIC, AC01 on an IBAN, RR02/RR03 on the debtor's or creditor's name, else FF01.</summary>
    public static string CodeFor(string path)
    {
        string[] names = [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Split('[')[0])];
        string last = names.Length > 0 ? names[^1] : string.Empty;
        string parent = names.Length > 1 ? names[^2] : string.Empty;
        return (parent, last) switch
        {
            ("Dbtr", "Nm") => "RR02",
            ("Cdtr", "Nm") => "RR03",
            (_, "BICFI" or "BIC" or "AnyBIC" or "BICOrBEI") => "RC01",
            (_, "IBAN") => "AC01",
            _ => "FF01",
        };
    }

    // Where each start tag, end tag and attribute is, with the path of its element. A transaction's position counts
    // within its parent, as DelTran numbers them: per message in pacs.008, per payment information block in pain.001.
    private static List<Tag> Tags(string xml)
    {
        var tags = new List<Tag>();
        var stack = new List<Frame>();
        int transactions = 0;
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var info = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    {
                        string name = reader.LocalName;
                        string segment = name;
                        int? outer = stack.Count > 0 ? stack[^1].Transaction : null;
                        int? inner = outer;
                        if (stack.Count > 0 && name is "CdtTrfTxInf" or "PmtInf")
                        {
                            Dictionary<string, int> siblings = stack[^1].Children;
                            int position = siblings.GetValueOrDefault(name) + 1;
                            siblings[name] = position;
                            segment = $"{name}[{position.ToString(CultureInfo.InvariantCulture)}]";
                            inner = name == "CdtTrfTxInf" ? transactions++ : inner;
                        }

                        stack.Add(new Frame(segment, new Dictionary<string, int>(StringComparer.Ordinal), inner));
                        string path = PathOf(stack);
                        tags.Add(new Tag(info.LineNumber, info.LinePosition, path, outer));
                        for (bool more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                        {
                            tags.Add(new Tag(info.LineNumber, info.LinePosition, path, outer));
                        }

                        reader.MoveToElement();
                        if (reader.IsEmptyElement)
                        {
                            stack.RemoveAt(stack.Count - 1);
                        }

                        break;
                    }

                case XmlNodeType.EndElement:
                    tags.Add(new Tag(info.LineNumber, info.LinePosition, PathOf(stack), stack[^1].Transaction));
                    stack.RemoveAt(stack.Count - 1);
                    break;
            }
        }

        return tags;
    }

    private static string PathOf(List<Frame> stack)
    {
        var path = new StringBuilder();
        foreach (Frame frame in stack)
        {
            path.Append('/').Append(frame.Segment);
        }

        return path.ToString();
    }

    private static Tag Locate(List<Tag> tags, int line, int position, string message)
    {
        foreach (Tag tag in tags)
        {
            if (tag.Line == line && tag.Position == position)
            {
                return tag;
            }
        }

        throw new InvalidOperationException($"No tag at line {line.ToString(CultureInfo.InvariantCulture)}, position {position.ToString(CultureInfo.InvariantCulture)} for the schema error '{message}'.");
    }

    // A start tag, end tag or attribute: where it is, its element's path, and the transaction whose content it is in.
    private sealed record Tag(int Line, int Position, string Path, int? Transaction);

    // An open element: its path segment, how many of each numbered child it has had, the transaction its content belongs to.
    private sealed record Frame(string Segment, Dictionary<string, int> Children, int? Transaction);
}
