using System.Xml;
using System.Xml.Linq;

namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>
/// A sample file to mutate: its bytes and, when it parses safely (no DTD), its tree. Samples that do not parse
/// (the DTD and truncated negatives) are mutated byte by byte only.
/// </summary>
public sealed class MutationSample
{
    private MutationSample(string name, byte[] bytes, XDocument? document)
    {
        Name = name;
        Bytes = bytes;
        Document = document;
    }

    public string Name { get; }

    public byte[] Bytes { get; }

    public XDocument? Document { get; }

    public static MutationSample Load(string name, string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return new MutationSample(name, bytes, TryParse(bytes));
    }

    /// <summary>
    /// The repository's golden inputs (sample-messages/**/*.xml but not *.expected.xml) and the shared public samples
    /// (iso20022/samples/**/*.xml, negatives included), in a fixed order.
    /// </summary>
    public static IReadOnlyList<MutationSample> All()
    {
        var samples = new List<MutationSample>();
        foreach (string file in Directory.EnumerateFiles(RepoPaths.SampleMessages, "*.xml", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            samples.Add(Load("sample-messages/" + Path.GetRelativePath(RepoPaths.SampleMessages, file), file));
        }

        string shared = Path.Combine(RepoPaths.Shared, "iso20022", "samples");
        foreach (string file in Directory.EnumerateFiles(shared, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            samples.Add(Load("shared/iso20022/samples/" + Path.GetRelativePath(shared, file), file));
        }

        return samples;
    }

    private static XDocument? TryParse(byte[] bytes)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
