using System.Xml.Linq;

namespace DelTran.Core.Screening;

/// <summary>
/// Reads OFAC's XML in the <c>sdnList</c> schema: SDN.XML and the Consolidated (non-SDN) list, in the 2020
/// (tempuri.org) and the 2025 (sanctionslistservice) namespace alike. Header <c>publshInformation</c> gives the
/// publication date (MM/DD/YYYY) and the record count; each <c>sdnEntry</c> gives uid, names, type, programs,
/// akas, nationalities, citizenships, address countries and SWIFT/BIC ids. No I/O beyond the given stream.
/// </summary>
public static class OfacSdnXmlReader
{
    private static readonly HashSet<string> Elements = new(["publshInformation", "sdnEntry"], StringComparer.Ordinal);

    public static SanctionsLoadResult Read(Stream stream, string source, string listName = ListIds.OfacSdn)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var list = new ListEntries(source, "uid");
        int? recordCount = null;

        bool read = ListXml.Read(stream, source, "sdnList", Elements, static _ => { }, (element, line) =>
        {
            if (element.Name.LocalName != "publshInformation")
            {
                list.Add(ReadEntry(element, source, line, list.Errors), line);
                return;
            }

            string? date = ListXml.Text(element, "Publish_Date");
            if (ListText.TryDate(date, "MM/dd/yyyy", out DateOnly day))
            {
                list.Published = day;
            }
            else if (date is not null)
            {
                list.Errors.Add(source, line, $"Publish_Date '{date}' is not a date in the form MM/DD/YYYY");
            }

            if (int.TryParse(ListXml.Text(element, "Record_Count"), out int count))
            {
                recordCount = count;
            }
        }, list.Errors);

        if (read && recordCount is { } expected && expected != list.Count)
        {
            // A cut-down copy (a test fixture) keeps the full file's header; the XML itself is complete.
            list.Warnings.Add(new SanctionsLoadIssue(source, 0, ListText.Invariant($"Record_Count says {expected} entries, the file holds {list.Count}")));
        }

        return list.ToResult(listName, read, "sdnEntry");
    }

    private static SanctionsEntry? ReadEntry(XElement element, string source, int line, IssueSink errors)
    {
        string? uid = ListXml.Text(element, "uid");
        if (uid is null)
        {
            errors.Add(source, line, "an sdnEntry has no uid");
            return null;
        }

        SanctionsEntryType type = ListXml.Text(element, "sdnType") switch
        {
            "Individual" => SanctionsEntryType.Individual,
            "Vessel" => SanctionsEntryType.Vessel,
            "Aircraft" => SanctionsEntryType.Aircraft,
            "Entity" or null => SanctionsEntryType.Entity,
            _ => (SanctionsEntryType)(-1),
        };
        if (type < 0)
        {
            errors.Add(source, line, $"uid {uid} has an unknown sdnType '{ListXml.Text(element, "sdnType")}'");
            return null;
        }

        var entry = new EntryBuilder(uid, type);
        entry.AddName(ListText.Join(ListXml.Text(element, "firstName"), ListXml.Text(element, "lastName")));
        if (entry.PrimaryName is null)
        {
            errors.Add(source, line, $"uid {uid} has no lastName");
            return null;
        }

        foreach (XElement aka in ListXml.Descendants(element, "aka"))
        {
            AliasKind kind = ListXml.Text(aka, "type") switch
            {
                "f.k.a." => AliasKind.Fka,
                "n.k.a." => AliasKind.Nka,
                _ => AliasKind.Aka,
            };
            entry.AddName(ListText.Join(ListXml.Text(aka, "firstName"), ListXml.Text(aka, "lastName")), kind);
        }

        foreach (XElement program in ListXml.Descendants(element, "program"))
        {
            entry.AddProgram(program.Value);
        }

        // nationalityList/nationality/country, citizenshipList/citizenship/country, addressList/address/country.
        foreach (XElement country in ListXml.Descendants(element, "country"))
        {
            entry.AddCountry(country.Value);
        }

        foreach (XElement id in ListXml.Descendants(element, "id"))
        {
            string? idType = ListXml.Text(id, "idType");
            if (idType is not null && (idType.Contains("SWIFT", StringComparison.OrdinalIgnoreCase) || idType.Contains("BIC", StringComparison.Ordinal)))
            {
                entry.AddIdentifier(ListXml.Text(id, "idNumber"));
            }
        }

        entry.AddIdentifiersFromText(ListXml.Text(element, "remarks"));
        return entry.Build();
    }
}
