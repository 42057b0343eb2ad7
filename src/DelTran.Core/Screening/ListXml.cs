using System.Text;
using System.Xml;
using System.Xml.Linq;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

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
