using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DelTran.Core.Screening;

/// <summary>
/// Reads the UN Security Council Consolidated List XML (<c>CONSOLIDATED_LIST@dateGenerated</c>). An INDIVIDUAL's
/// name is FIRST_NAME to FOURTH_NAME joined; an ENTITY's is FIRST_NAME. The entry id is the UN reference number
/// (QDi.001), or DATAID where a record has none. Aliases come from INDIVIDUAL_ALIAS / ENTITY_ALIAS (empty ones
/// occur and are skipped) and NAME_ORIGINAL_SCRIPT; countries from NATIONALITY and the addresses.
/// </summary>
public static class UnConsolidatedXmlReader
{
    private static readonly HashSet<string> Elements = new(["INDIVIDUAL", "ENTITY"], StringComparer.Ordinal);

    public static SanctionsLoadResult Read(Stream stream, string source, string listName = ListIds.UnSecurityCouncil)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var list = new ListEntries(source, "reference");
        bool read = ListXml.Read(
            stream,
            source,
            "CONSOLIDATED_LIST",
            Elements,
            root =>
            {
                string? generated = root.GetAttribute("dateGenerated");
                if (DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
                {
                    list.Published = DateOnly.FromDateTime(at.UtcDateTime);
                }
                else
                {
                    list.Errors.Add(source, ((IXmlLineInfo)root).LineNumber, $"dateGenerated '{generated}' is missing or not an ISO 8601 time");
                }
            },
            (element, line) => list.Add(ReadEntry(element, source, line, list.Errors), line),
            list.Errors);
        return list.ToResult(listName, read, "INDIVIDUAL or ENTITY");
    }

    private static SanctionsEntry? ReadEntry(XElement element, string source, int line, IssueSink errors)
    {
        bool individual = element.Name.LocalName == "INDIVIDUAL";
        string? id = ListXml.Text(element, "REFERENCE_NUMBER") ?? ListXml.Text(element, "DATAID");
        if (id is null)
        {
            errors.Add(source, line, $"an {element.Name.LocalName} has neither REFERENCE_NUMBER nor DATAID");
            return null;
        }

        var entry = new EntryBuilder(id, individual ? SanctionsEntryType.Individual : SanctionsEntryType.Entity);
        entry.AddName(ListText.Join(
            ListXml.Text(element, "FIRST_NAME"),
            ListXml.Text(element, "SECOND_NAME"),
            ListXml.Text(element, "THIRD_NAME"),
            ListXml.Text(element, "FOURTH_NAME")));
        if (entry.PrimaryName is null)
        {
            errors.Add(source, line, $"{id} has no FIRST_NAME");
            return null;
        }

        foreach (XElement alias in ListXml.Children(element, individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS"))
        {
            entry.AddName(ListXml.Text(alias, "ALIAS_NAME"), ListXml.Text(alias, "QUALITY") == "f.k.a." ? AliasKind.Fka : AliasKind.Aka);
        }

        entry.AddName(ListXml.Text(element, "NAME_ORIGINAL_SCRIPT"));
        entry.AddProgram(ListXml.Text(element, "UN_LIST_TYPE"));
        foreach (XElement nationality in ListXml.Children(element, "NATIONALITY"))
        {
            foreach (XElement value in ListXml.Children(nationality, "VALUE"))
            {
                entry.AddCountry(value.Value);
            }
        }

        foreach (XElement address in ListXml.Children(element, individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS"))
        {
            entry.AddCountry(ListXml.Text(address, "COUNTRY"));
        }

        entry.AddIdentifiersFromText(ListXml.Text(element, "COMMENTS1"));
        return entry.Build();
    }
}
