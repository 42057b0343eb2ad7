using System.Text;
using System.Xml;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Tests.Support;

/// <summary>
/// A small canonical form for golden comparisons: one line per element as {namespace}name, attributes
/// sorted, text trimmed, whitespace between elements, comments, the declaration and prefixes dropped.
/// Two documents canonicalise equal iff their content is equal; the line form gives readable diffs.
/// </summary>
public static class XmlCanonical
{
    public static string Of(string xml) => Of(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    public static string Of(byte[] xml) => Of(new MemoryStream(xml));

    public static string OfFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Of(stream);
    }

    /// <summary>
    /// Asserts a writer's output equals the golden file after canonicalisation. With DELTRAN_UPDATE_GOLDEN=1 a
    /// differing (or missing) golden file is rewritten from the output and the test fails naming it; see <see cref="GoldenFiles"/>.
    /// </summary>
    public static void AssertMatchesGolden(byte[] actual, string goldenPath)
    {
        bool update = GoldenFiles.UpdateRequested;
        bool matches = File.Exists(goldenPath) && OfFile(goldenPath) == Of(actual);
        if (update && !matches)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllBytes(goldenPath, actual);
            Assert.Fail(GoldenFiles.Rewritten([goldenPath]));
        }

        Assert.True(File.Exists(goldenPath), $"Golden file {goldenPath} is missing; run with DELTRAN_UPDATE_GOLDEN=1 once and review it.");
        Assert.Equal(OfFile(goldenPath), Of(actual));
    }

    public static string Of(Stream xml)
    {
        var output = new StringBuilder();
        using var reader = XmlReader.Create(xml, SafeXml.ReaderSettings());
        int depth = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    depth = reader.Depth;
                    output.Append(' ', depth * 2).Append('{').Append(reader.NamespaceURI).Append('}').Append(reader.LocalName);
                    AppendAttributes(reader, output);
                    output.Append('\n');
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    string text = reader.Value.Trim();
                    if (text.Length > 0)
                    {
                        output.Append(' ', reader.Depth * 2).Append('=').Append(text).Append('\n');
                    }

                    break;
            }
        }

        return output.ToString();
    }

    private static void AppendAttributes(XmlReader reader, StringBuilder output)
    {
        var attributes = new List<string>();
        while (reader.MoveToNextAttribute())
        {
            // Namespace declarations are how a name is spelt, not content: the resolved URI on each element is.
            if (reader.NamespaceURI == "http://www.w3.org/2000/xmlns/")
            {
                continue;
            }

            attributes.Add($"{{{reader.NamespaceURI}}}{reader.LocalName}=\"{reader.Value}\"");
        }

        reader.MoveToElement();
        attributes.Sort(StringComparer.Ordinal);
        foreach (string attribute in attributes)
        {
            output.Append(' ').Append(attribute);
        }
    }
}
