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

    private static readonly Layout Fsf11 = new(
        Entry: "sanctionEntity",
        Article: "a",
        IdAttribute: "logicalId",
        TypeName: "subjectType",
        TypeCode: static element => ListXml.Child(element, "subjectType") is { } subject ? ListXml.Attribute(subject, "code") : null,
        IndividualCode: "person",
        EntityCode: "enterprise",
        Names: "nameAlias with a name",
        AddNames: AddFsf11Names,
        AddDetails: AddFsf11Details);

    private static readonly Layout Global10 = new(
        Entry: "ENTITY",
        Article: "an",
        IdAttribute: "Id",
        TypeName: "Type",
        TypeCode: static element => ListXml.Attribute(element, "Type"),
        IndividualCode: "P",
        EntityCode: "E",
        Names: "NAME",
        AddNames: AddGlobal10Names,
        AddDetails: AddGlobal10Details);

    public static SanctionsLoadResult ReadFsf11(Stream stream, string source, string listName = ListIds.EuFinancialSanctions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var list = new ListEntries(source, "entity");
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
                    list.Published = DateOnly.FromDateTime(at.Date);
                }
                else
                {
                    list.Errors.Add(source, ((IXmlLineInfo)root).LineNumber, $"generationDate '{generated}' is missing or not an ISO 8601 time");
                }
            },
            (element, line) => list.Add(ReadEntry(Fsf11, element, source, line, list.Errors), line),
            list.Errors);
        return list.ToResult(listName, read, "sanctionEntity");
    }

    public static SanctionsLoadResult ReadGlobal10(Stream stream, string source, string listName = ListIds.EuFinancialSanctions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var list = new ListEntries(source, "entity");
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
                    list.Published = day;
                }
                else
                {
                    list.Errors.Add(source, ((IXmlLineInfo)root).LineNumber, $"Date '{date}' is missing or not a date in the form dd/mm/yyyy");
                }
            },
            (element, line) => list.Add(ReadEntry(Global10, element, source, line, list.Errors), line),
            list.Errors);
        return list.ToResult(listName, read, "ENTITY");
    }

    /// <summary>
    /// Both layouts check an entry the same way: an id, a type code meaning a person or an organisation, and a
    /// name. What differs is where each keeps them, and the words of the errors, which name the layout's own parts.
    /// </summary>
    private static SanctionsEntry? ReadEntry(Layout layout, XElement element, string source, int line, IssueSink errors)
    {
        string? id = ListXml.Attribute(element, layout.IdAttribute);
        if (id is null)
        {
            errors.Add(source, line, $"{layout.Article} {layout.Entry} has no {layout.IdAttribute}");
            return null;
        }

        string? code = layout.TypeCode(element);
        SanctionsEntryType? type = code == layout.IndividualCode ? SanctionsEntryType.Individual
            : code == layout.EntityCode ? SanctionsEntryType.Entity
            : null;
        if (type is null)
        {
            errors.Add(source, line, $"{layout.Entry} {id} has {layout.TypeName} '{code}', not {layout.IndividualCode} or {layout.EntityCode}");
            return null;
        }

        var entry = new EntryBuilder(id, type.Value);
        layout.AddNames(element, entry);
        if (entry.PrimaryName is null)
        {
            errors.Add(source, line, $"{layout.Entry} {id} has no {layout.Names}");
            return null;
        }

        layout.AddDetails(element, entry);
        return entry.Build();
    }

    private static void AddFsf11Names(XElement element, EntryBuilder entry)
    {
        foreach (XElement alias in ListXml.Children(element, "nameAlias"))
        {
            entry.AddName(ListXml.Attribute(alias, "wholeName")
                ?? ListText.Join(ListXml.Attribute(alias, "firstName"), ListXml.Attribute(alias, "middleName"), ListXml.Attribute(alias, "lastName")));
        }
    }

    private static void AddFsf11Details(XElement element, EntryBuilder entry)
    {
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
    }

    private static void AddGlobal10Names(XElement element, EntryBuilder entry)
    {
        foreach (XElement name in ListXml.Children(element, "NAME"))
        {
            entry.AddName(ListXml.Text(name, "WHOLENAME")
                ?? ListText.Join(ListXml.Text(name, "FIRSTNAME"), ListXml.Text(name, "MIDDLENAME"), ListXml.Text(name, "LASTNAME")));
        }
    }

    private static void AddGlobal10Details(XElement element, EntryBuilder entry)
    {
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
    }

    /// <summary>Where a layout keeps an entry's id, type code and names, and what it calls them (for the errors).</summary>
    private sealed record Layout(
        string Entry,
        string Article,
        string IdAttribute,
        string TypeName,
        Func<XElement, string?> TypeCode,
        string IndividualCode,
        string EntityCode,
        string Names,
        Action<XElement, EntryBuilder> AddNames,
        Action<XElement, EntryBuilder> AddDetails);
}
