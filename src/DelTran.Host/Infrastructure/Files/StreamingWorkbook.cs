using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;

namespace DelTran.Host.Infrastructure.Files;

/// <summary>
/// An .xlsx written in bounded memory: the formatted sheets (a Summary) are made with ClosedXML, which holds a
/// workbook in memory, and the detail sheets are streamed row by row with the Open XML SDK's SAX-style
/// <see cref="OpenXmlWriter"/> straight into the zip, so a million-row sheet never sits in memory.
/// </summary>
/// <remarks>
/// How: ClosedXML saves the small workbook with an empty placeholder sheet per detail sheet (the first one
/// also holds sample cells, so the cell styles the streamed sheets need are in styles.xml and their indices
/// can be read back). The detail sheets are then streamed into a new zip opened in create mode (the
/// System.IO.Packaging update mode would buffer every part in memory), and <see cref="Complete"/> copies
/// the ClosedXML parts beside them, pointing each placeholder's relationship at its streamed part. A sheet
/// that reaches the row limit given to <see cref="Create"/> (Excel's limit, header included) continues on
/// "Name (2)", "Name (3)" and so on, which are added to workbook.xml, its relationships and the content types.
/// One detail sheet is open at a time, in the order they were declared.
/// </remarks>
public sealed class StreamingWorkbook : IDisposable
{
    /// <summary>Excel's row limit per worksheet.</summary>
    public const int ExcelMaxRows = 1_048_576;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string WorksheetRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    private readonly ZipArchive _zip;
    private readonly byte[] _template;
    private readonly IReadOnlyList<string> _declared;
    private readonly int _maxRowsPerSheet;
    private readonly SheetStyles _styles;
    private readonly List<(string Table, string SheetName, string PartName)> _written = [];
    private int _nextDeclared;
    private bool _sheetOpen;
    private bool _completed;

    private StreamingWorkbook(Stream output, byte[] template, IReadOnlyList<string> declared, int maxRowsPerSheet, SheetStyles styles)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        _template = template;
        _declared = declared;
        _maxRowsPerSheet = maxRowsPerSheet;
        _styles = styles;
    }

    /// <summary>
    /// Starts a workbook on <paramref name="output"/>: the sheets already in <paramref name="formatted"/> come
    /// first, then the detail sheets named in <paramref name="detailSheets"/>, to be streamed in that order.
    /// </summary>
    public static StreamingWorkbook Create(Stream output, XLWorkbook formatted, IReadOnlyList<string> detailSheets, int maxRowsPerSheet = ExcelMaxRows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(formatted);
        ArgumentNullException.ThrowIfNull(detailSheets);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSheet, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRowsPerSheet, ExcelMaxRows);
        if (detailSheets.Count == 0)
        {
            throw new ArgumentException("Name at least one detail sheet.", nameof(detailSheets));
        }

        for (int i = 0; i < detailSheets.Count; i++)
        {
            IXLWorksheet placeholder = formatted.Worksheets.Add(detailSheets[i]);
            if (i == 0)
            {
                SheetStyles.AddSamples(placeholder);
            }
        }

        using var saved = new MemoryStream();
        formatted.SaveAs(saved);
        byte[] template = saved.ToArray();
        SheetStyles styles = SheetStyles.ReadSamples(template, detailSheets[0]);
        return new StreamingWorkbook(output, template, detailSheets, maxRowsPerSheet, styles);
    }

    /// <summary>Opens the next declared detail sheet; write its rows, then dispose the writer before the next one.</summary>
    public DetailSheetWriter BeginSheet(string name, IReadOnlyList<SheetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_sheetOpen)
        {
            throw new InvalidOperationException("Finish the open detail sheet first: a zip in create mode writes one entry at a time.");
        }

        if (_nextDeclared >= _declared.Count || !string.Equals(_declared[_nextDeclared], name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sheet '{name}' is not the next declared detail sheet.");
        }

        _nextDeclared++;
        _sheetOpen = true;
        return new DetailSheetWriter(this, name, columns);
    }

    /// <summary>Writes the formatted parts and the package metadata; the workbook is then complete.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_sheetOpen || _nextDeclared != _declared.Count)
        {
            throw new InvalidOperationException("Every declared detail sheet must be written and finished before the workbook is completed.");
        }

        using var templateZip = new ZipArchive(new MemoryStream(_template), ZipArchiveMode.Read);
        XDocument workbook = Load(templateZip, "xl/workbook.xml");
        XDocument relationships = Load(templateZip, "xl/_rels/workbook.xml.rels");
        XDocument contentTypes = Load(templateZip, "[Content_Types].xml");

        XNamespace main = MainNs;
        XNamespace rel = RelNs;
        XNamespace pkg = PackageRelNs;
        XNamespace ct = ContentTypesNs;
        XElement sheets = workbook.Root!.Element(main + "sheets")!;
        uint nextSheetId = sheets.Elements(main + "sheet").Max(s => (uint)s.Attribute("sheetId")!) + 1;
        var skip = new HashSet<string>(StringComparer.Ordinal);
        int newRelationship = 1;

        foreach (string table in _declared)
        {
            XElement placeholder = sheets.Elements(main + "sheet").Single(s => (string?)s.Attribute("name") == table);
            string relationshipId = (string)placeholder.Attribute(rel + "id")!;
            XElement relationship = relationships.Root!.Elements(pkg + "Relationship").Single(r => (string?)r.Attribute("Id") == relationshipId);
            string placeholderPart = ResolvePart((string)relationship.Attribute("Target")!);
            skip.Add(placeholderPart.TrimStart('/'));
            skip.Add(RelationshipsPartOf(placeholderPart).TrimStart('/'));
            contentTypes.Root!.Elements(ct + "Override").Where(o => (string?)o.Attribute("PartName") == placeholderPart).Remove();

            XElement after = placeholder;
            foreach ((string _, string sheetName, string partName) in _written.Where(w => w.Table == table))
            {
                contentTypes.Root.Add(new XElement(ct + "Override", new XAttribute("PartName", partName), new XAttribute("ContentType", WorksheetContentType)));
                if (sheetName == table)
                {
                    relationship.SetAttributeValue("Target", partName);
                    continue;
                }

                string id = string.Create(CultureInfo.InvariantCulture, $"rIdDelTran{newRelationship++}");
                relationships.Root.Add(new XElement(pkg + "Relationship", new XAttribute("Type", WorksheetRelType), new XAttribute("Target", partName), new XAttribute("Id", id)));
                var sheet = new XElement(main + "sheet", new XAttribute("name", sheetName), new XAttribute("sheetId", nextSheetId++), new XAttribute(rel + "id", id));
                after.AddAfterSelf(sheet);
                after = sheet;
            }
        }

        foreach (ZipArchiveEntry entry in templateZip.Entries)
        {
            if (skip.Contains(entry.FullName))
            {
                continue;
            }

            ZipArchiveEntry copy = _zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            using Stream target = copy.Open();
            switch (entry.FullName)
            {
                case "xl/workbook.xml":
                    workbook.Save(target, System.Xml.Linq.SaveOptions.DisableFormatting);
                    break;
                case "xl/_rels/workbook.xml.rels":
                    relationships.Save(target, System.Xml.Linq.SaveOptions.DisableFormatting);
                    break;
                case "[Content_Types].xml":
                    contentTypes.Save(target, System.Xml.Linq.SaveOptions.DisableFormatting);
                    break;
                default:
                    using (Stream source = entry.Open())
                    {
                        source.CopyTo(target);
                    }

                    break;
            }
        }

        _completed = true;
        _zip.Dispose();
    }

    public void Dispose() => _zip.Dispose();

    internal SheetStyles Styles => _styles;

    internal int MaxRowsPerSheet => _maxRowsPerSheet;

    /// <summary>A new zip entry for the next part of a detail sheet ("Name", then "Name (2)"...).</summary>
    internal Stream OpenPart(string table, int part)
    {
        string sheetName = part == 1 ? table : string.Create(CultureInfo.InvariantCulture, $"{table} ({part})");
        string partName = string.Create(CultureInfo.InvariantCulture, $"/xl/worksheets/deltran-sheet{_written.Count + 1}.xml");
        _written.Add((table, sheetName, partName));
        // Fastest: a million-row sheet is close to a gigabyte of XML, and the 2-core machines feel the difference.
        return _zip.CreateEntry(partName.TrimStart('/'), CompressionLevel.Fastest).Open();
    }

    internal void SheetFinished() => _sheetOpen = false;

    internal static XDocument Load(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"ClosedXML wrote no {name}.");
        using Stream stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    private static string ResolvePart(string target) => target.StartsWith('/') ? target : "/xl/" + target;

    private static string RelationshipsPartOf(string part)
    {
        int slash = part.LastIndexOf('/');
        return part[..(slash + 1)] + "_rels/" + part[(slash + 1)..] + ".rels";
    }
}
