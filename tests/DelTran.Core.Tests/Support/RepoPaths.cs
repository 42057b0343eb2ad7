using System.Xml;
using System.Xml.Schema;
using DelTran.Core.Iso20022;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Support;

/// <summary>Locates the repository and the shared reference data (../shared beside the checkout).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleMessages => Path.Combine(Root, "sample-messages");

    public static string Xsd => Path.Combine(Root, "xsd");

    /// <summary>
    /// ../shared beside the repository. When CI=true a missing folder fails the test; elsewhere the
    /// caller gets null and the test says so in its assertion message instead of passing silently.
    /// </summary>
    public static string Shared
    {
        get
        {
            string shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            if (!Directory.Exists(shared))
            {
                throw new DirectoryNotFoundException($"Reference data folder {shared} is missing; tests need ../shared beside the checkout.");
            }

            return shared;
        }
    }

    public static string SharedXsd(string messageId) => Path.Combine(Shared, "iso20022", "xsd", messageId + ".xsd");

    private static readonly Dictionary<string, XmlSchemaSet> BaseSchemaCache = new(StringComparer.Ordinal);

    /// <summary>The published base schema for a message id, compiled (cached).</summary>
    public static XmlSchemaSet BaseSchema(string messageId)
    {
        lock (BaseSchemaCache)
        {
            if (!BaseSchemaCache.TryGetValue(messageId, out XmlSchemaSet? set))
            {
                using FileStream stream = File.OpenRead(SharedXsd(messageId));
                set = UsageGuidelineSchemas.Compile([stream]);
                BaseSchemaCache[messageId] = set;
            }

            return set;
        }
    }

    /// <summary>Validates a document against a compiled schema set; returns the error messages.</summary>
    public static List<string> SchemaErrors(Stream document, XmlSchemaSet schemas)
    {
        var errors = new List<string>();
        XmlReaderSettings settings = SafeXml.ReaderSettings(schemas);
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        try
        {
            using var reader = XmlReader.Create(document, settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            errors.Add("Not well-formed: " + ex.Message);
        }

        return errors;
    }

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DelTran.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("DelTran.sln not found above " + AppContext.BaseDirectory);
    }
}
