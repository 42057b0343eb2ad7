using ClosedXML.Excel;
using DelTran.Core.Reporting;
using DelTran.Host.Infrastructure.Files;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// Writes a clearing window's audit pack: one CSV per table (snake_case headers, invariant culture, money in
/// the currency's minor units, RFC 4180 quoting, UTF-8 without BOM, CRLF), the audit-pack.xlsx workbook
/// (formatted Summary, detail sheets streamed) and manifest.json with every file's SHA-256 and the window
/// digest. Obligations and rejects are read once, streaming, each row going to its CSV and sheet together,
/// so memory stays bounded whatever the window's size.
/// </summary>
/// <remarks>
/// The pack is written into a hidden sibling folder and moved into place only when complete, so a failed or
/// cancelled export leaves no half pack behind. CSV fields are written as they are: no "'" is put before
/// a leading '=' or '-', which would change the data auditors reconcile; spreadsheet users open the xlsx,
/// whose cells are never formulas.
/// </remarks>
public static class AuditPackWriter
{
    public const string ObligationsSheet = "Obligations";
    public const string NetPositionsSheet = "Net positions";
    public const string SettlementSheet = "Settlement";
    public const string RejectsSheet = "Rejects";
    public const string OperatorActionsSheet = "Operator actions";

    private static readonly double[] ObligationWidths = [18, 14, 38, 38, 36, 36, 36, 10, 18, 12, 12, 18, 14, 30, 34, 34, 48];
    private static readonly double[] NetPositionWidths = [18, 16, 10, 20, 20, 20];
    private static readonly double[] SettlementWidths = [18, 30, 16, 10, 10, 20, 12, 26, 14, 30];
    private static readonly double[] RejectWidths = [38, 38, 36, 36, 36, 10, 18, 12, 60, 30];
    private static readonly double[] OperatorActionWidths = [8, 30, 16, 44, 48, 48, 16];

    public static Task<AuditPackManifest> WriteAsync(
        string directory,
        WindowSummary summary,
        Func<CancellationToken, IAsyncEnumerable<ObligationExportRow>> obligations,
        IReadOnlyList<NetPositionExportRow> positions,
        IReadOnlyList<SettlementExportRow> settlements,
        Func<CancellationToken, IAsyncEnumerable<RejectExportRow>> rejects,
        IReadOnlyList<ControlTotalRow> totals,
        IReadOnlyList<OperatorActionExportRow> operatorActions,
        CancellationToken cancellationToken) =>
        WriteAsync(directory, summary, obligations, positions, settlements, rejects, totals, operatorActions, StreamingWorkbook.ExcelMaxRows, cancellationToken);

    /// <summary>As above, with a smaller sheet row limit so the continuation sheets can be exercised.</summary>
    public static async Task<AuditPackManifest> WriteAsync(
        string directory,
        WindowSummary summary,
        Func<CancellationToken, IAsyncEnumerable<ObligationExportRow>> obligations,
        IReadOnlyList<NetPositionExportRow> positions,
        IReadOnlyList<SettlementExportRow> settlements,
        Func<CancellationToken, IAsyncEnumerable<RejectExportRow>> rejects,
        IReadOnlyList<ControlTotalRow> totals,
        IReadOnlyList<OperatorActionExportRow> operatorActions,
        int maxRowsPerSheet,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(operatorActions);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(obligations);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(settlements);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentNullException.ThrowIfNull(totals);

        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target} is not empty; an audit pack is written into a new or empty folder.");
        }

        string parent = Path.GetDirectoryName(target) ?? throw new IOException($"{target} has no parent folder.");
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, "." + Path.GetFileName(target) + ".partial");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        try
        {
            await WriteFilesAsync(staging);

            var files = new List<(string File, long Bytes, string Sha256)>();
            foreach (string file in AuditPackManifest.PackFiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path = Path.Combine(staging, file);
                files.Add((file, new FileInfo(path).Length, AuditPackManifest.HashFile(path)));
            }

            var manifest = new AuditPackManifest(summary.WindowId, files, AuditPackManifest.ComputeWindowDigest(files));
            manifest.WriteTo(Path.Combine(staging, AuditPackManifest.FileName), summary.GeneratedAt);

            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return manifest;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }

        // Local, so the tables above are not passed down through a second copy of the same eight parameters.
        async Task WriteFilesAsync(string folder)
        {
            await using FileStream xlsx = File.Create(Path.Combine(folder, AuditPackManifest.Workbook));
            using var formatted = new XLWorkbook();
            SummarySheet.Add(formatted, summary, totals);
            using StreamingWorkbook workbook = StreamingWorkbook.Create(
                xlsx, formatted, [ObligationsSheet, NetPositionsSheet, SettlementSheet, RejectsSheet, OperatorActionsSheet], maxRowsPerSheet);

            await WriteTableAsync(folder, AuditPackManifest.Obligations, workbook, ObligationsSheet, ObligationWidths, AuditPackTables.Obligations, obligations(cancellationToken), cancellationToken);
            await WriteTableAsync(folder, AuditPackManifest.NetPositions, workbook, NetPositionsSheet, NetPositionWidths, AuditPackTables.NetPositions, positions.ToAsyncEnumerable(), cancellationToken);
            await WriteTableAsync(folder, AuditPackManifest.Settlements, workbook, SettlementSheet, SettlementWidths, AuditPackTables.Settlements, settlements.ToAsyncEnumerable(), cancellationToken);
            await WriteTableAsync(folder, AuditPackManifest.Rejects, workbook, RejectsSheet, RejectWidths, AuditPackTables.Rejects, rejects(cancellationToken), cancellationToken);
            await WriteTableAsync(folder, AuditPackManifest.ControlTotals, null, null, null, AuditPackTables.ControlTotals, totals.ToAsyncEnumerable(), cancellationToken);
            await WriteTableAsync(folder, AuditPackManifest.OperatorActions, workbook, OperatorActionsSheet, OperatorActionWidths, AuditPackTables.OperatorActions, operatorActions.ToAsyncEnumerable(), cancellationToken);

            workbook.Complete();
            await xlsx.FlushAsync(cancellationToken);
        }
    }

    /// <summary>One pass over the rows: each goes to the CSV and, when there is one, to the sheet.</summary>
    private static async Task WriteTableAsync<TRow>(
        string folder,
        string csvName,
        StreamingWorkbook? workbook,
        string? sheetName,
        double[]? widths,
        IReadOnlyList<ExportColumn<TRow>> columns,
        IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        using DetailSheetWriter? sheet = workbook?.BeginSheet(sheetName!, [.. columns.Select((c, i) => new SheetColumn(c.Header, widths![i]))]);
        await CsvTable.WriteAsync(Path.Combine(folder, csvName), columns, rows, cancellationToken, sheet is null ? null : fields => sheet.WriteRow(fields));
    }
}
