using System.Xml;
using System.Xml.Schema;

namespace DelTran.Core.Iso20022;

/// <summary>Reader settings for untrusted XML: no DTD, no resolver, no entity expansion, no schemaLocation hints.</summary>
public static class SafeXml
{
    public static XmlReaderSettings ReaderSettings(XmlSchemaSet? schemas = null)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        if (schemas is not null)
        {
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = schemas;
            // The reader below the validator would drop a whitespace-only text node before the schema sees it, so a
            // valid value of one space would be judged as empty (minLength). The validator tells the whitespace
            // between elements apart itself (XmlNodeType.Whitespace), and readers of the content skip it.
            settings.IgnoreWhitespace = false;
            // Only the schemas we compiled: never schemaLocation hints or inline schemas from the input.
            settings.ValidationFlags = XmlSchemaValidationFlags.AllowXmlAttributes;
        }

        return settings;
    }
}
