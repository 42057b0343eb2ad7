using System.Xml;
using System.Xml.Schema;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>DelTran's usage-guideline schemas (xsd/ in the repository), compiled once and shared read-only.</summary>
public static class UsageGuidelineSchemas
{
    private const string ResourcePrefix = "DelTran.Schemas.";
    private static readonly Lazy<XmlSchemaSet> Embedded = new(LoadEmbedded);

    /// <summary>The compiled set embedded in this assembly. Thread-safe for validation once compiled.</summary>
    public static XmlSchemaSet Compiled => Embedded.Value;

    public static IReadOnlyList<string> ResourceNames =>
        [.. typeof(UsageGuidelineSchemas).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Compiles schemas read from the given streams, e.g. the published base schemas in tests.</summary>
    public static XmlSchemaSet Compile(IEnumerable<Stream> schemaStreams)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (Stream stream in schemaStreams)
        {
            using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings());
            set.Add(XmlSchema.Read(reader, (_, e) => throw new XmlSchemaException(e.Message, e.Exception))!);
        }

        set.Compile();
        return set;
    }

    private static XmlSchemaSet LoadEmbedded()
    {
        var assembly = typeof(UsageGuidelineSchemas).Assembly;
        var streams = ResourceNames.Select(name => assembly.GetManifestResourceStream(name)!).ToList();
        try
        {
            return Compile(streams);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }
}
