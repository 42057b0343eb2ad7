using System.Xml.Linq;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Rewrites an instance into another serialisation of the same XML content: a namespace prefix instead of the default
/// namespace, text in CDATA sections, comments and processing instructions between elements and inside text. None of
/// these changes what a schema sees, so every verdict must stay the same.
/// </summary>
public static class LexicalNoise
{
    public static void Apply(XElement root, Random random)
    {
        if (random.Next(2) == 0)
        {
            // Every element of the root's namespace is then written with the prefix.
            root.SetAttributeValue(XNamespace.Xmlns + "iso", root.Name.NamespaceName);
        }

        foreach (XElement element in root.DescendantsAndSelf().ToList())
        {
            if (random.Next(20) == 0 && element.Parent is not null)
            {
                element.AddBeforeSelf(random.Next(2) == 0 ? new XComment(" generated <comment> & more ") : new XProcessingInstruction("deltran-test", "note=\"ignored\""));
            }

            if (element.HasElements || element.Nodes().OfType<XText>().FirstOrDefault() is not { } text)
            {
                continue;
            }

            switch (random.Next(16))
            {
                case 0 when !text.Value.Contains("]]>", StringComparison.Ordinal):
                    text.ReplaceWith(new XCData(text.Value));
                    break;
                case 1 when text.Value.Length >= 2:
                    int cut = random.Next(1, text.Value.Length);
                    if (char.IsLowSurrogate(text.Value[cut]))
                    {
                        break;
                    }

                    text.ReplaceWith(new XText(text.Value[..cut]), new XComment("split"), new XText(text.Value[cut..]));
                    break;
            }
        }
    }
}
