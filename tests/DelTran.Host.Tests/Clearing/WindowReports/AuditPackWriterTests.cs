using System.Runtime.CompilerServices;
using System.Text;
using DelTran.Core.Reporting;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Files;
using DelTran.Host.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DelTran.Host.Tests.Clearing.WindowReports;

public sealed class AuditPackWriterTests : IDisposable
{
    private const string Window = "INR-20261201-1";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 16, 5, 12, TimeSpan.FromHours(5.5));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "deltran-exports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static WindowSummary Summary() => new(
        Window, "INR", "SETTLED", At.AddHours(-8), At.AddHours(-1), new DateOnly(2026, 12, 1), At.AddHours(2),
        [("OPEN", At.AddHours(-8), "scheduled"), ("CUTOFF", At.AddHours(-1), "cut-off time reached"), ("SETTLED", At, "all instructions posted")]);

    internal static ObligationExportRow Obligation(int i) => new(
        Window, i, new Guid(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), new Guid(i, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1), $"E2E-{i:D7}",
        $"Debtor {i % 1000}", $"Creditor {i % 997}", "INR", 1000.50m + (i % 10_000), new DateOnly(2026, 12, 1),
        i % 3 == 0 ? "USD" : null, i % 3 == 0 ? 12.25m : null, i % 3 == 0 ? 83.4521m : null, At.AddSeconds(i % 3600),
        "0123456789ABCDEF0123456789ABCDEF", i % 3 == 0 ? "fx-20261201-01" : null, i % 3 == 0 ? "USD→INR SellBase 83.4521" : null);

    private static NetPositionExportRow[] Positions() =>
    [
        new(Window, "SRCBINBB", "INR", 845000.00m, 120000.00m, -725000.00m),
        new(Window, "Kaveri, \"Gramin\" Bank", "INR", 0m, 725000.00m, 725000.00m),
    ];

    private static SettlementExportRow[] Settlements() =>
    [
        new(Window, "SI-1", "SRCBINBB", "INR", "DEBIT", 725000.00m, "POSTED", "RBI-77001", null, At),
        new(Window, "SI-2", "KVRIINBB", "INR", "CREDIT", 725000.00m, "FAILED", null, "AM04", At.AddMinutes(1)),
    ];

    private static ControlTotalRow[] Totals() =>
    [
        new(Window, "INR", 3, 970000.00m, 845000.00m, 845000.00m, 0m, 0.1428571428571428571428571429m, 725000.00m, 725000.00m),
    ];

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (T row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }

    private Task<AuditPackManifest> Write(string name, IEnumerable<ObligationExportRow> obligations, IEnumerable<RejectExportRow>? rejects = null, int maxRowsPerSheet = StreamingWorkbook.ExcelMaxRows, CancellationToken cancellationToken = default) =>
        WritePackAsync(Path.Combine(_root, name), obligations, rejects, maxRowsPerSheet, cancellationToken);

    /// <summary>A pack of this window's summary, positions, settlements and totals with the given obligations, in <paramref name="directory"/>.</summary>
    internal static Task<AuditPackManifest> WritePackAsync(string directory, IEnumerable<ObligationExportRow> obligations, IEnumerable<RejectExportRow>? rejects = null, int maxRowsPerSheet = StreamingWorkbook.ExcelMaxRows, CancellationToken cancellationToken = default) =>
        AuditPackWriter.WriteAsync(
            directory, Summary(), ct => Stream(obligations, ct), Positions(), Settlements(),
            ct => Stream(rejects ?? [new RejectExportRow(Guid.Empty, null, "E2E-R1", "O'Brien, \"Pat\"", null, "AED", 10.5m, "RR02", "Debtor name missing", At)], ct),
            Totals(), [], maxRowsPerSheet, cancellationToken);

    private static string[] Lines(string path) => File.ReadAllText(path, Encoding.UTF8).Split("\r\n");

    [Fact]
    public async Task WriteAsync_WritesSnakeCaseHeadersAndInvariantValues_WithQuotesEscaped()
    {
        await Write("pack", [Obligation(3)]);
        string pack = Path.Combine(_root, "pack");

        string[] net = Lines(Path.Combine(pack, "net-positions.csv"));
        Assert.Equal("window_id,participant,currency,debit,credit,net", net[0]);
        Assert.Equal("INR-20261201-1,SRCBINBB,INR,845000.00,120000.00,-725000.00", net[1]);
        Assert.Equal("INR-20261201-1,\"Kaveri, \"\"Gramin\"\" Bank\",INR,0.00,725000.00,725000.00", net[2]);
        Assert.Equal("", net[^1]);

        string[] obligations = Lines(Path.Combine(pack, "obligations.csv"));
        Assert.Equal("window_id,obligation_id,transaction_id,uetr,end_to_end_id,debtor,creditor,currency,amount,value_date,instructed_currency,instructed_amount,exchange_rate,accepted_at,screening_list_set,fx_rate_table,fx_path", obligations[0]);
        Assert.Equal(
            "INR-20261201-1,3,00000003-0001-0002-0304-05060708090a,00000003-0009-0009-0101-010101010101,E2E-0000003,Debtor 3,Creditor 3,INR,1003.50,2026-12-01,USD,12.25,83.4521,2026-12-01T16:05:15+05:30,0123456789ABCDEF0123456789ABCDEF,fx-20261201-01,USD→INR SellBase 83.4521",
            obligations[1]);

        string[] rejects = Lines(Path.Combine(pack, "rejects.csv"));
        Assert.Equal("transaction_id,uetr,end_to_end_id,debtor,creditor,currency,amount,reason_code,reasons,at", rejects[0]);
        Assert.Equal("00000000-0000-0000-0000-000000000000,,E2E-R1,\"O'Brien, \"\"Pat\"\"\",,AED,10.50,RR02,RR02: Debtor name missing,2026-12-01T16:05:12+05:30", rejects[1]);

        string[] totals = Lines(Path.Combine(pack, "control-totals.csv"));
        Assert.Equal("INR-20261201-1,INR,3,970000.00,845000.00,845000.00,0.00,0.1429,725000.00,725000.00", totals[1]);
        Assert.StartsWith("window_id,instruction_id,participant,currency,direction,amount,status,confirmation_id,failure_code,at", File.ReadAllText(Path.Combine(pack, "settlement-instructions.csv")), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(pack, "obligations.csv"))[0]);
    }

    [Fact]
    public async Task WriteAsync_WritesIdenticalCsvBytesAndDigest_ForTheSameRows()
    {
        AuditPackManifest first = await Write("one", Enumerable.Range(1, 500).Select(Obligation));
        AuditPackManifest second = await Write("two", Enumerable.Range(1, 500).Select(Obligation));

        foreach (string csv in AuditPackManifest.DigestedFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "one", csv)), File.ReadAllBytes(Path.Combine(_root, "two", csv)));
        }

        Assert.Equal(first.WindowDigest, second.WindowDigest);
        AuditPackManifest other = await Write("three", Enumerable.Range(1, 499).Select(Obligation));
        Assert.NotEqual(first.WindowDigest, other.WindowDigest);
    }

    [Fact]
    public async Task WriteAsync_ListsEveryFileWithItsHash_InTheManifest()
    {
        AuditPackManifest manifest = await Write("pack", [Obligation(1)]);

        Assert.Equal(["obligations.csv", "net-positions.csv", "settlement-instructions.csv", "rejects.csv", "control-totals.csv", "operator-actions.csv", "audit-pack.xlsx"], manifest.Files.Select(f => f.File));
        Assert.All(manifest.Files, f => Assert.Equal(new FileInfo(Path.Combine(_root, "pack", f.File)).Length, f.Bytes));
        Assert.All(manifest.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Contains(manifest.WindowDigest, File.ReadAllText(Path.Combine(_root, "pack", "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WritesAWorkbookWithSummaryAndDetailSheets_ThatTheOpenXmlSdkReads()
    {
        await Write("pack", Enumerable.Range(1, 25).Select(Obligation));

        using SpreadsheetDocument document = SpreadsheetDocument.Open(Path.Combine(_root, "pack", "audit-pack.xlsx"), false);
        WorkbookPart workbook = document.WorkbookPart!;
        Sheet[] sheets = [.. workbook.Workbook.Sheets!.Elements<Sheet>()];
        Assert.Equal(["Summary", "Obligations", "Net positions", "Settlement", "Rejects", "Operator actions"], sheets.Select(s => s.Name!.Value));

        Row[] obligations = Rows(workbook, "Obligations");
        Assert.Equal(26, obligations.Length);
        // Headers are words; timestamps are real date-times (UTC) with a date-time format; every detail sheet filters.
        Assert.Equal(["Window ID", "Obligation ID", "Transaction ID", "UETR", "End to end ID"], obligations[0].Elements<Cell>().Take(5).Select(c => c.InlineString!.Text!.Text));
        Assert.Equal("Accepted at (UTC)", CellText(obligations[0], 13));
        Cell accepted = obligations[1].Elements<Cell>().Single(c => c.CellReference == "N2");
        Assert.Null(accepted.DataType);
        Assert.Equal(At.AddSeconds(1).UtcDateTime.ToOADate(), double.Parse(accepted.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 9);
        var obligationsPart = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Obligations").Id!.Value!);
        Assert.Equal("A1:Q26", obligationsPart.Worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal("1024.50", obligations[24].Elements<Cell>().Single(c => c.CellReference == "I25").CellValue!.Text);
        Assert.Equal("E2E-0000024", CellText(obligations[24], 4));

        Row[] net = Rows(workbook, "Net positions");
        Assert.Equal("Kaveri, \"Gramin\" Bank", CellText(net[2], 1));
        Assert.Equal("-725000.00", net[1].Elements<Cell>().Single(c => c.CellReference == "F2").CellValue!.Text);

        // The header style is bold and the amount style shows two decimals.
        Stylesheet styles = workbook.WorkbookStylesPart!.Stylesheet;
        CellFormat header = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)obligations[0].Elements<Cell>().First().StyleIndex!.Value);
        Assert.NotNull(styles.Fonts!.Elements<Font>().ElementAt((int)header.FontId!.Value).Bold);
        CellFormat amount = styles.CellFormats.Elements<CellFormat>().ElementAt((int)obligations[1].Elements<Cell>().Single(c => c.CellReference == "I2").StyleIndex!.Value);
        Assert.Equal("#,##0.00", styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == amount.NumberFormatId!.Value).FormatCode!.Value);
        CellFormat instant = styles.CellFormats.Elements<CellFormat>().ElementAt((int)accepted.StyleIndex!.Value);
        Assert.Equal("yyyy-mm-dd hh:mm:ss.000", styles.NumberingFormats.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == instant.NumberFormatId!.Value).FormatCode!.Value);

        Row[] summary = Rows(workbook, "Summary");
        Assert.Contains(summary, r => r.Descendants<Cell>().Any(c => SharedText(workbook, c) == "Control totals"));
        Assert.Contains(summary, r => r.Descendants<Cell>().Any(c => c.CellValue?.Text == "970000"));
    }

    [Fact]
    public async Task WriteAsync_ContinuesOnNumberedSheets_WhenASheetIsFull()
    {
        await Write("pack", Enumerable.Range(1, 7).Select(Obligation), maxRowsPerSheet: 4);

        using SpreadsheetDocument document = SpreadsheetDocument.Open(Path.Combine(_root, "pack", "audit-pack.xlsx"), false);
        WorkbookPart workbook = document.WorkbookPart!;
        Assert.Equal(
            ["Summary", "Obligations", "Obligations (2)", "Obligations (3)", "Net positions", "Settlement", "Rejects", "Operator actions"],
            workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        Assert.Equal(["E2E-0000001", "E2E-0000002", "E2E-0000003"], Rows(workbook, "Obligations").Skip(1).Select(r => CellText(r, 4)));
        Assert.Equal(["E2E-0000004", "E2E-0000005", "E2E-0000006"], Rows(workbook, "Obligations (2)").Skip(1).Select(r => CellText(r, 4)));
        Assert.Equal(["Obligation ID", "E2E-0000007"], Rows(workbook, "Obligations (3)").Select(r => CellText(r, r.RowIndex!.Value == 1 ? 1 : 4)));
        Assert.Equal(8, File.ReadAllLines(Path.Combine(_root, "pack", "obligations.csv")).Length);

        // ClosedXML reads the whole package too, so the added sheets and relationships hang together.
        using var reopened = new ClosedXML.Excel.XLWorkbook(Path.Combine(_root, "pack", "audit-pack.xlsx"));
        Assert.Equal("E2E-0000007", reopened.Worksheet("Obligations (3)").Cell("E2").GetString());
    }

    [Fact]
    public async Task WriteAsync_Throws_WhenTheFolderIsNotEmpty()
    {
        Directory.CreateDirectory(Path.Combine(_root, "pack"));
        await File.WriteAllTextAsync(Path.Combine(_root, "pack", "other.txt"), "x");

        await Assert.ThrowsAsync<IOException>(() => Write("pack", [Obligation(1)]));
    }

    [Fact]
    public async Task WriteAsync_LeavesNoPack_WhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        IEnumerable<ObligationExportRow> Rows()
        {
            for (int i = 1; ; i++)
            {
                if (i == 100)
                {
                    cancellation.Cancel();
                }

                yield return Obligation(i);
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Write("pack", Rows(), cancellationToken: cancellation.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    internal static Row[] Rows(WorkbookPart workbook, string sheetName)
    {
        Sheet sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()];
    }

    private static string CellText(Row row, int column) => row.Elements<Cell>().ElementAt(column).InlineString?.Text?.Text ?? "";

    private static string? SharedText(WorkbookPart workbook, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : null;
}

/// <summary>
/// A million obligations through the audit pack writer while nothing else runs in the process (the heap measurement
/// collection runs alone): the objects the writer still holds three quarters of the way through, after a full
/// collection, must be a small constant, not a share of the rows or of the files written. How long it takes and how
/// much it allocates are figures for bench/ (`bench/close.sh --breakdown` times the whole AuditPackWriter from rows in
/// memory, and `bench/close.sh` reports the peak memory of a million-obligation close).
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class AuditPackWriterMemoryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "deltran-exports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // About 30 s on the 2-core build machine.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task WriteAsync_ExportsAMillionObligations_HoldingNoGrowingShareOfThemInMemory()
    {
        const int count = 1_000_000;
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long midway = 0;
        IEnumerable<ObligationExportRow> Rows()
        {
            for (int i = 1; i <= count; i++)
            {
                if (i == count * 3 / 4)
                {
                    // A writer holding the rows, a workbook part or a file in memory would hold ~750k rows' worth now.
                    midway = GC.GetTotalMemory(forceFullCollection: true);
                }

                yield return AuditPackWriterTests.Obligation(i);
            }
        }

        string pack = Path.Combine(_root, "big");
        AuditPackManifest manifest = await AuditPackWriterTests.WritePackAsync(pack, Rows());

        Assert.True(midway > 0, "the memory probe never ran");
        long growth = midway - baseline;
        Assert.True(growth < 32L * 1024 * 1024, $"the live managed heap grew by {growth / 1024} kB while writing");
        Assert.Equal(count + 1, File.ReadLines(Path.Combine(pack, "obligations.csv")).Count());
        Assert.True(manifest.Files.Single(f => f.File == "audit-pack.xlsx").Bytes > 0);
        Assert.Empty(AuditPackVerifier.Verify(pack));
    }
}
