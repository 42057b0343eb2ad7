using DelTran.Core.Clearing;
using DelTran.Core.Reporting;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// The outputs of a closed window, under one directory per window: a pacs.002 ACSC per original message for
/// the transactions settled, a camt.053 per participant account the settlement moved (its settlement entry listing the
/// participant's obligations of the window, or naming the detail file beside it that lists them), and the audit pack.
/// Everything streams from the database, so a window of a million obligations is written in bounded memory.
/// </summary>
public sealed class WindowReporter(
    Func<DelTranDbContext> databases,
    IDatabaseDialect dialect,
    IOptions<DelTranOptions> options,
    IOptions<ClearingOptions> clearing,
    TimeProvider clock,
    IEnumerable<IWindowReportDelivery> deliveries)
{
    public const string StatusReportsFolder = "pacs002";
    public const string StatementsFolder = "camt053";
    public const string AuditFolder = "audit";

    public async Task<WindowReportFiles> WriteAsync(string windowId, string reportsRoot, CancellationToken cancellationToken)
    {
        ClearingWindowRow window;
        await using (DelTranDbContext db = databases())
        {
            window = await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
        }

        WindowState state = window.State;
        if (!WindowReportRules.HasReports(state))
        {
            throw new InvalidOperationException($"Window {windowId} is {WindowStateMachine.Code(window.State)}: it has no reports yet.");
        }

        string directory = Path.Combine(reportsRoot, windowId);
        if (Directory.Exists(directory))
        {
            // Reported before (a FAILED window now settled by a retry): the earlier reports are kept beside, not overwritten.
            Directory.Move(directory, $"{directory}.superseded-{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}");
        }

        Directory.CreateDirectory(directory);
        DateTimeOffset now = clock.GetUtcNow();
        int reports = WindowReportRules.ReportsSettlement(state) ? await new SettlementStatusReportFiles(databases, options).WriteAsync(window, Path.Combine(directory, StatusReportsFolder), now, cancellationToken) : 0;
        int statements = await new StatementFiles(databases, options, clearing).WriteAsync(window, Path.Combine(directory, StatementsFolder), now, cancellationToken);
        AuditPackManifest pack = await new AuditPackFiles(databases, dialect).WriteAsync(window, Path.Combine(directory, AuditFolder), now, cancellationToken);

        // Delivered before the window counts as reported: a crash in between makes the sweep report and deliver again.
        foreach (IWindowReportDelivery delivery in deliveries)
        {
            await delivery.DeliverAsync(windowId, directory, cancellationToken);
        }

        await using (DelTranDbContext db = databases())
        {
            await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(s => s.SetProperty(w => w.AuditDigest, pack.WindowDigest), cancellationToken);
        }

        return new WindowReportFiles(directory, reports, statements, pack);
    }
}
