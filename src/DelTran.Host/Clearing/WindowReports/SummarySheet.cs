using System.Globalization;
using ClosedXML.Excel;
using DelTran.Core.Netting;
using DelTran.Core.Reporting;
using DelTran.Host.Infrastructure.Files;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>The formatted "Summary" sheet of the audit workbook: the window, its state history and the control totals.</summary>
internal static class SummarySheet
{
    public const string Name = "Summary";

    public static void Add(XLWorkbook workbook, WindowSummary summary, IReadOnlyList<ControlTotalRow> totals)
    {
        IXLWorksheet sheet = workbook.Worksheets.Add(Name);
        IXLCell title = sheet.Cell(1, 1);
        title.Value = "DelTran clearing window audit pack";
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;

        int row = 3;
        (string Label, ExportField Value)[] facts =
        [
            ("Window", ExportField.Of(summary.WindowId)),
            ("Currency", ExportField.Of(summary.Currency)),
            ("State", ExportField.Of(summary.State)),
            ("Opened at", ExportField.Of(summary.OpenedAt)),
            ("Cut-off at", ExportField.Of(summary.CutoffAt)),
            ("Business date", ExportField.Of(summary.BusinessDate)),
            ("Generated at", ExportField.Of(summary.GeneratedAt)),
        ];
        foreach ((string label, ExportField value) in facts)
        {
            sheet.Cell(row, 1).Value = label;
            sheet.Cell(row, 1).Style.Font.Bold = true;
            Set(sheet.Cell(row, 2), value);
            row++;
        }

        row++;
        Section(sheet, row++, "State history");
        Header(sheet, row++, ["state", "at", "cause"]);
        foreach ((string state, DateTimeOffset at, string cause) in summary.History)
        {
            Set(sheet.Cell(row, 1), ExportField.Of(state));
            Set(sheet.Cell(row, 2), ExportField.Of(at));
            Set(sheet.Cell(row, 3), ExportField.Of(cause));
            row++;
        }

        row++;
        Section(sheet, row++, "Control totals");
        Header(sheet, row++, [.. AuditPackTables.ControlTotals.Select(c => c.Header)]);
        var fields = new ExportField[AuditPackTables.ControlTotals.Count];
        foreach (ControlTotalRow total in totals)
        {
            AuditPackTables.Fill(AuditPackTables.ControlTotals, total, fields);
            for (int i = 0; i < fields.Length; i++)
            {
                bool ratio = AuditPackTables.ControlTotals[i].Header == "netting_efficiency";
                Set(sheet.Cell(row, i + 1), fields[i], ratio ? NettingEfficiency.SpreadsheetFormat : null);
            }

            row++;
        }

        // Widths are set, never measured: AdjustToContents needs libgdiplus, which servers do not have.
        double[] widths = [22, 28, 40, 18, 18, 18, 18, 18, 18, 18];
        for (int i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        sheet.SheetView.FreezeRows(1);
    }

    private static void Section(IXLWorksheet sheet, int row, string text)
    {
        IXLCell cell = sheet.Cell(row, 1);
        cell.Value = text;
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 12;
    }

    private static void Header(IXLWorksheet sheet, int row, string[] headers)
    {
        for (int i = 0; i < headers.Length; i++)
        {
            IXLCell cell = sheet.Cell(row, i + 1);
            cell.Value = headers[i];
            SheetStyles.StyleHeader(cell.Style);
        }
    }

    /// <summary>
    /// ClosedXML 0.95 stores numbers as double, so a number is written as one only when the double holds it
    /// exactly (15 significant digits cover 9,999,999,999,999.99); a longer amount is kept as right-aligned text.
    /// </summary>
    private static void Set(IXLCell cell, ExportField field, string? format = null)
    {
        if (field.IsEmpty)
        {
            return;
        }

        switch (field.Kind)
        {
            case ExportFieldKind.Amount or ExportFieldKind.Integer or ExportFieldKind.Decimal when ExactDouble(field.Text) is double number:
                cell.Value = number;
                cell.Style.NumberFormat.Format = format ?? field.Kind switch
                {
                    ExportFieldKind.Integer => "#,##0",
                    ExportFieldKind.Amount when field.Decimals == 0 => "#,##0",
                    ExportFieldKind.Amount => "#,##0." + new string('0', field.Decimals),
                    _ => "General",
                };
                break;
            case ExportFieldKind.Date:
                cell.Value = field.Date.ToDateTime(TimeOnly.MinValue);
                cell.Style.NumberFormat.Format = "yyyy-mm-dd";
                break;
            case ExportFieldKind.Amount or ExportFieldKind.Integer or ExportFieldKind.Decimal:
                cell.SetValue(field.Text);
                cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                break;
            default:
                // SetValue keeps text as text: a name starting with '=' is not a formula.
                cell.SetValue(field.Text);
                break;
        }
    }

    private static double? ExactDouble(string text)
    {
        decimal exact = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        double number = (double)exact;
        string shortest = number.ToString("G15", CultureInfo.InvariantCulture);
        return decimal.TryParse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal back) && back == exact ? number : null;
    }
}
