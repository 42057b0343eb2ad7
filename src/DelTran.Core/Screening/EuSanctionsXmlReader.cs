using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DelTran.Core.Screening;

/// <summary>
/// Reads the EU consolidated financial sanctions list (FSF) in its two XML layouts:
/// <list type="bullet">
/// <item>1.1 (<see cref="ReadFsf11"/>): root <c>export@generationDate</c>, one <c>sanctionEntity@logicalId</c> per
/// entry, typed by <c>subjectType@code</c> (person / enterprise), names in <c>nameAlias@wholeName</c> (the first is
/// taken as primary: the format has no primary flag), ISO 3166 alpha-2 countries on citizenship and address.</item>
/// <item>1.0, the old "global.xml" (<see cref="ReadGlobal10"/>): root <c>WHOLE@Date</c> (dd/mm/yyyy), one
/// <c>ENTITY@Id@Type</c> (P / E) per entry, <c>NAME/WHOLENAME</c> elements, ISO alpha-3 countries.</item>
/// </list>
/// </summary>
public static class EuSanctionsXmlReader
{
    private static readonly HashSet<string> Fsf11Elements = new(["sanctionEntity"], StringComparer.Ordinal);
    private static readonly HashSet<string> Global10Elements = new(["ENTITY"], StringComparer.Ordinal);

    public static SanctionsLoadResult ReadFsf11(Stream stream, string source, string listName = ListIds.EuFinancialSanctions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new IssueSink();
        var entries = new List<SanctionsEntry>();
        var warnings = new List<SanctionsLoadIssue>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        DateOnly? published = null;
        bool read = ListXml.Read(
            stream,
            source,
            "export",
            Fsf11Elements,
            root =>
            {
                string? generated = root.GetAttribute("generationDate");
                if (DateTimeOffset.TryParse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
                {
                    published = DateOnly.FromDateTime(at.Date);
                }
                else
                {
                    errors.Add(source, ((IXmlLineInfo)root).LineNumber, $"generationDate '{generated}' is missing or not an ISO 8601 time");
                }
            },
            (element, line) => Add(ReadFsf11Entry(element, source, line, errors), ids, entries, source, line, warnings),
            errors);
        if (read && entries.Count == 0)
        {
            errors.Add(source, 0, "the file holds no sanctionEntity");
        }

        return SanctionsLoadResult.From(listName, entries, published, errors, warnings);
    }

    public static SanctionsLoadResult ReadGlobal10(Stream stream, string source, string listName = ListIds.EuFinancialSanctions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new IssueSink();
        var entries = new List<SanctionsEntry>();
        var warnings = new List<SanctionsLoadIssue>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        DateOnly? published = null;
        bool read = ListXml.Read(
            stream,
            source,
            "WHOLE",
            Global10Elements,
            root =>
            {
                string? date = root.GetAttribute("Date");
                if (ListText.TryDate(date, "dd/MM/yyyy", out DateOnly day))
                {
                    published = day;
                }
                else
                {
                    errors.Add(source, ((IXmlLineInfo)root).LineNumber, $"Date '{date}' is missing or not a date in the form dd/mm/yyyy");
                }
            },
            (element, line) => Add(ReadGlobal10Entry(element, source, line, errors), ids, entries, source, line, warnings),
            errors);
        if (read && entries.Count == 0)
        {
            errors.Add(source, 0, "the file holds no ENTITY");
        }

        return SanctionsLoadResult.From(listName, entries, published, errors, warnings);
    }

    private static void Add(SanctionsEntry? entry, HashSet<string> ids, List<SanctionsEntry> entries, string source, int line, List<SanctionsLoadIssue> warnings)
    {
        if (entry is null)
        {
            return;
        }

        if (ids.Add(entry.Id))
        {
            entries.Add(entry);
        }
        else
        {
            // The EU's own sample repeats an entity verbatim: a repeat is reported, not a reason to refuse the list.
            warnings.Add(new SanctionsLoadIssue(source, line, $"entity {entry.Id} appears twice; the repeat is ignored"));
        }
    }

    private static SanctionsEntry? ReadFsf11Entry(XElement element, string source, int line, IssueSink errors)
    {
        string? id = ListXml.Attribute(element, "logicalId");
        if (id is null)
        {
            errors.Add(source, line, "a sanctionEntity has no logicalId");
            return null;
        }

        string? code = ListXml.Child(element, "subjectType") is { } subject ? ListXml.Attribute(subject, "code") : null;
        SanctionsEntryType? type = code switch
        {
            "person" => SanctionsEntryType.Individual,
            "enterprise" => SanctionsEntryType.Entity,
            _ => null,
        };
        if (type is null)
        {
            errors.Add(source, line, $"sanctionEntity {id} has subjectType '{code}', not person or enterprise");
            return null;
        }

        var entry = new EntryBuilder(id, type.Value);
        foreach (XElement alias in ListXml.Children(element, "nameAlias"))
        {
            entry.AddName(ListXml.Attribute(alias, "wholeName")
                ?? ListText.Join(ListXml.Attribute(alias, "firstName"), ListXml.Attribute(alias, "middleName"), ListXml.Attribute(alias, "lastName")));
        }

        if (entry.PrimaryName is null)
        {
            errors.Add(source, line, $"sanctionEntity {id} has no nameAlias with a name");
            return null;
        }

        foreach (XElement regulation in ListXml.Children(element, "regulation"))
        {
            entry.AddProgram(ListXml.Attribute(regulation, "programme"));
        }

        foreach (XElement place in ListXml.Children(element, "citizenship").Concat(ListXml.Children(element, "address")))
        {
            entry.AddCountry(ListXml.Attribute(place, "countryIso2Code") is { } iso and not "00" ? iso : null);
        }

        foreach (XElement identification in ListXml.Children(element, "identification"))
        {
            string? kind = ListXml.Attribute(identification, "identificationTypeCode");
            if (kind is not null && kind.Contains("swift", StringComparison.OrdinalIgnoreCase))
            {
                entry.AddIdentifier(ListXml.Attribute(identification, "number"));
            }
        }

        foreach (XElement remark in ListXml.Children(element, "remark"))
        {
            entry.AddIdentifiersFromText(remark.Value);
        }

        return entry.Build();
    }

    private static SanctionsEntry? ReadGlobal10Entry(XElement element, string source, int line, IssueSink errors)
    {
        string? id = ListXml.Attribute(element, "Id");
        if (id is null)
        {
            errors.Add(source, line, "an ENTITY has no Id");
            return null;
        }

        string? code = ListXml.Attribute(element, "Type");
        SanctionsEntryType? type = code switch
        {
            "P" => SanctionsEntryType.Individual,
            "E" => SanctionsEntryType.Entity,
            _ => null,
        };
        if (type is null)
        {
            errors.Add(source, line, $"ENTITY {id} has Type '{code}', not P or E");
            return null;
        }

        var entry = new EntryBuilder(id, type.Value);
        foreach (XElement name in ListXml.Children(element, "NAME"))
        {
            entry.AddName(ListXml.Text(name, "WHOLENAME")
                ?? ListText.Join(ListXml.Text(name, "FIRSTNAME"), ListXml.Text(name, "MIDDLENAME"), ListXml.Text(name, "LASTNAME")));
        }

        if (entry.PrimaryName is null)
        {
            errors.Add(source, line, $"ENTITY {id} has no NAME");
            return null;
        }

        entry.AddProgram(ListXml.Attribute(element, "programme"));
        foreach (XElement citizen in ListXml.Children(element, "CITIZEN"))
        {
            entry.AddCountry(ListXml.Text(citizen, "COUNTRY"));
        }

        foreach (XElement address in ListXml.Children(element, "ADDRESS"))
        {
            entry.AddCountry(ListXml.Text(address, "COUNTRY"));
        }

        entry.AddIdentifiersFromText(ListXml.Attribute(element, "remark"));
        return entry.Build();
    }
}
