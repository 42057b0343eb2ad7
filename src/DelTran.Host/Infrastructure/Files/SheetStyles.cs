using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using DelTran.Core.Reporting;

namespace DelTran.Host.Infrastructure.Files;

/// <summary>Style indices in the workbook's styles.xml for the cells of streamed sheets.</summary>
internal sealed record SheetStyles(uint Header, uint Integer, uint Date, uint Amount0, uint Amount2, uint Amount3, uint DateTime)
{
    // Sample cells: A1 header, A2 integer, A3 date, A4..A6 amounts with 0, 2 and 3 decimals, A7 a date and time (UTC).
    public static void AddSamples(IXLWorksheet sheet)
    {
        IXLCell header = sheet.Cell(1, 1);
        header.Value = "header";
        StyleHeader(header.Style);
        Sample(sheet.Cell(2, 1), "0");
        Sample(sheet.Cell(3, 1), "yyyy-mm-dd");
        Sample(sheet.Cell(4, 1), "#,##0");
        Sample(sheet.Cell(5, 1), "#,##0.00");
        Sample(sheet.Cell(6, 1), "#,##0.000");
        Sample(sheet.Cell(7, 1), "yyyy-mm-dd hh:mm:ss.000");
    }

    public static void StyleHeader(IXLStyle style)
    {
        style.Font.Bold = true;
        style.Fill.BackgroundColor = XLColor.FromArgb(0xD9, 0xE1, 0xF2);
        style.Border.BottomBorder = XLBorderStyleValues.Thin;
    }

    public static SheetStyles ReadSamples(byte[] package, string sheetName)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        XNamespace pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
        XDocument workbook = StreamingWorkbook.Load(zip, "xl/workbook.xml");
        string id = (string)workbook.Descendants(main + "sheet").Single(s => (string?)s.Attribute("name") == sheetName).Attribute(rel + "id")!;
        XDocument rels = StreamingWorkbook.Load(zip, "xl/_rels/workbook.xml.rels");
        string target = (string)rels.Descendants(pkg + "Relationship").Single(r => (string?)r.Attribute("Id") == id).Attribute("Target")!;
        string entry = target.StartsWith('/') ? target[1..] : "xl/" + target;
        XDocument sheet = StreamingWorkbook.Load(zip, entry);
        Dictionary<string, uint> styles = sheet.Descendants(main + "c")
            .ToDictionary(c => (string)c.Attribute("r")!, c => (uint?)c.Attribute("s") ?? 0u, StringComparer.Ordinal);
        return new SheetStyles(styles["A1"], styles["A2"], styles["A3"], styles["A4"], styles["A5"], styles["A6"], styles["A7"]);
    }

    public uint For(ExportField field) => field.Kind switch
    {
        ExportFieldKind.Integer => Integer,
        ExportFieldKind.Date => Date,
        ExportFieldKind.Amount => field.Decimals switch
        {
            0 => Amount0,
            2 => Amount2,
            3 => Amount3,
            _ => 0u,
        },
        _ => 0u,
    };

    private static void Sample(IXLCell cell, string format)
    {
        cell.Value = 0;
        cell.Style.NumberFormat.Format = format;
    }
}
