using System.Globalization;
using ClosedXML.Excel;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Reporting;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Files;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Bench;

/// <summary>
/// `close-bench --breakdown`: after the timed run, where the time of WindowReporter.WriteAsync goes for one window.
/// Each piece is measured apart, with the Host's public parts (the queries the reporter runs, AuditPackWriter,
/// StreamingWorkbook), so the database, the audit pack and its xlsx can be told apart without changing src.
/// </summary>
internal static class ReportBreakdown
{
    internal sealed record Piece(string Name, double Seconds, double CpuSeconds);

    public static async Task<List<Piece>> MeasureAsync(Func<DelTranDbContext> databases, string windowId, string scratch, CancellationToken cancellationToken)
    {
        var pieces = new List<Piece>();
        var clock = new CloseBench.PhaseClock();

        // The pacs.002 query (obligations joined to their transactions, in message order), kept in memory.
        var transactions = new List<TransactionRow>();
        Dictionary<Guid, MessageRow> messages;
        await using (DelTranDbContext db = databases())
        {
            var settled = from o in db.Obligations.AsNoTracking()
                          where o.WindowId == windowId
                          join t in db.Transactions.AsNoTracking() on o.TransactionId equals t.Id
                          orderby t.MessageId, t.Index
                          select t;
            await foreach (TransactionRow t in settled.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                transactions.Add(t);
            }

            messages = await db.Messages.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);
        }

        pieces.Add(Lap(clock, Invariant($"pacs.002 query: {transactions.Count:N0} transactions read through EF")));

        // The pacs.002 files from those rows, composed and written as WindowReporter does: no database in it.
        Directory.CreateDirectory(Path.Combine(scratch, "pacs002"));
        Bic own = Bic.Parse("DLTRAEADXXX");
        DateTimeOffset cutoff = DateTimeOffset.UtcNow;
        foreach (IGrouping<Guid, TransactionRow> message in transactions.GroupBy(t => t.MessageId))
        {
            StatusReport accepted = StatusReports.Compose(messages[message.Key], [.. message], own, cutoff);
            StatusReport report = accepted with
            {
                MessageId = WindowReportRules.SettlementReportId(windowId, message.Key),
                GroupStatus = GroupStatus.AcceptedSettlementCompleted,
                GroupReasons = [],
                Transactions = accepted.Transactions.Select(e => e with { Status = TransactionStatus.AcceptedSettlementCompleted, Reasons = [], AcceptanceDateTime = cutoff }).ToList(),
            };
            using FileStream file = File.Create(Path.Combine(scratch, "pacs002", $"{message.Key:N}.xml"));
            StatusReportWriter.Write(file, report, cancellationToken);
        }

        transactions.Clear();
        pieces.Add(Lap(clock, "pacs.002 composed and written from memory (StatusReports.Compose + StatusReportWriter)"));

        // The audit pack's obligations stream, as WindowReporter.Obligations reads it, kept in memory for what follows.
        var rows = new List<ObligationExportRow>();
        await using (DelTranDbContext db = databases())
        {
            await foreach (ObligationRow o in db.Obligations.AsNoTracking().Where(o => o.WindowId == windowId).OrderBy(o => o.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                rows.Add(new ObligationExportRow(windowId, o.Id, o.TransactionId, o.Uetr?.Value, o.EndToEndId, o.DebtorBic.Value, o.CreditorBic.Value, o.Currency.Code, o.Amount,
                    o.ValueDate, o.InstructedCurrency?.Code, o.InstructedAmount, o.ExchangeRate, o.AcceptedAt));
            }
        }

        pieces.Add(Lap(clock, Invariant($"audit pack obligations query: {rows.Count:N0} rows read through EF")));

        // The whole audit pack (CSVs, xlsx, hashes, manifest) from rows already in memory: no database in it.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var summary = new WindowSummary(windowId, rows.Count > 0 ? rows[0].Currency : "INR", "SETTLED", now, now, DateOnly.FromDateTime(now.UtcDateTime), now, []);
        await AuditPackWriter.WriteAsync(Path.Combine(scratch, "pack"), summary, _ => rows.ToAsyncEnumerable(), [], [], _ => AsyncEnumerable.Empty<RejectExportRow>(), [], [], cancellationToken);
        pieces.Add(Lap(clock, "audit pack from memory: CSVs + xlsx + SHA-256 + manifest"));

        // The xlsx Obligations sheet alone, through StreamingWorkbook and DetailSheetWriter, as the pack writes it.
        await using (FileStream file = File.Create(Path.Combine(scratch, "obligations-only.xlsx")))
        {
            using var formatted = new XLWorkbook();
            formatted.AddWorksheet("Summary");
            using StreamingWorkbook workbook = StreamingWorkbook.Create(file, formatted, [AuditPackWriter.ObligationsSheet]);
            using (DetailSheetWriter sheet = workbook.BeginSheet(AuditPackWriter.ObligationsSheet, [.. AuditPackTables.Obligations.Select(c => new SheetColumn(c.Header, 18))]))
            {
                var fields = new ExportField[AuditPackTables.Obligations.Count];
                foreach (ObligationExportRow row in rows)
                {
                    AuditPackTables.Fill(AuditPackTables.Obligations, row, fields);
                    sheet.WriteRow(fields);
                }
            }

            workbook.Complete();
        }

        pieces.Add(Lap(clock, "xlsx Obligations sheet alone (StreamingWorkbook + DetailSheetWriter)"));

        // The cells' text alone: what any writer has to format, whatever the file.
        var cells = new ExportField[AuditPackTables.Obligations.Count];
        long characters = 0;
        foreach (ObligationExportRow row in rows)
        {
            AuditPackTables.Fill(AuditPackTables.Obligations, row, cells);
            foreach (ExportField field in cells)
            {
                characters += field.Text.Length;
            }
        }

        pieces.Add(Lap(clock, Invariant($"AuditPackTables.Fill alone ({characters / 1e6:F0} M characters of cell text)")));
        Directory.Delete(scratch, recursive: true);
        return pieces;
    }

    private static Piece Lap(CloseBench.PhaseClock clock, string name)
    {
        CloseBench.PhaseTime time = clock.Lap(name, string.Empty);
        return new Piece(name, time.Seconds, time.CpuSeconds);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
