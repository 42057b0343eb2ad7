using System.Runtime.CompilerServices;
using DelTran.Core.Clearing;
using DelTran.Core.Pipeline;
using DelTran.Core.Reporting;
using DelTran.Core.Settlement;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>A window's audit pack: summary, obligations, positions, settlements, rejects, control totals and operator actions.</summary>
internal sealed class AuditPackFiles(Func<DelTranDbContext> databases, IDatabaseDialect dialect)
{
    public async Task<AuditPackManifest> WriteAsync(ClearingWindowRow window, string directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        var history = (await db.WindowEvents.AsNoTracking().Where(e => e.WindowId == window.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken))
            .Select(e => (WindowStateMachine.Code(e.ToState), e.At, e.Cause)).ToList();
        var summary = new WindowSummary(window.Id, window.Currency.Code, WindowStateMachine.Code(window.State), window.OpenedAt, window.CutoffAt ?? now, WindowReportRules.ValueDate(window.BusinessDate, now), now, history);

        List<NetPositionExportRow> positions = (await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == window.Id).ToListAsync(cancellationToken))
            .OrderBy(p => p.ParticipantBic, StringComparer.Ordinal)
            .Select(p => new NetPositionExportRow(window.Id, p.ParticipantBic, p.Currency.Code, p.Debit, p.Credit, p.Net)).ToList();
        List<SettlementExportRow> settlements = (await db.SettlementInstructions.AsNoTracking().Where(i => i.WindowId == window.Id).ToListAsync(cancellationToken))
            .OrderBy(i => i.Attempt).ThenBy(i => i.Sequence)
            .Select(i => new SettlementExportRow(window.Id, i.InstructionId, i.ParticipantBic, i.Currency.Code, SettlementCodes.Code(i.Direction), i.Amount, SettlementCodes.Code(i.Status), i.ConfirmationId, i.FailureCode, i.UpdatedAt)).ToList();

        List<ControlTotalRow> totals = [WindowReportRules.ControlTotals(window.Id, window.Currency.Code, window.ObligationCount, window.ObligationSum, window.NettingEfficiency, positions, settlements)];

        // The operators' actions during the window's life, from its opening to this pack (the log is small: read whole, in order).
        List<OperatorActionExportRow> actions = [.. (await db.OperatorActions.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .Where(a => WindowReportRules.ActedDuring(a.At, window.OpenedAt, summary.GeneratedAt))
            .Select(a => new OperatorActionExportRow(a.Id, a.At, a.Operator, a.Action, a.Subject, a.Reason, a.Outcome))];
        return await AuditPackWriter.WriteAsync(directory, summary, ct => Obligations(window.Id, window.BusinessDate, ct), positions, settlements, ct => Rejects(window, ct), totals, actions, cancellationToken);
    }

    // An obligation without a requested settlement date settles on its window's business date: that is its value date.
    private async IAsyncEnumerable<ObligationExportRow> Obligations(string windowId, DateOnly? businessDate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        // Each obligation with the list set that screened it and the FX pricing of its transaction, when there was one.
        var rows =
            from o in db.Obligations.AsNoTracking()
            where o.WindowId == windowId
            join s in db.TransactionScreenings.AsNoTracking() on o.TransactionId equals s.TransactionId into screenings
            from s in screenings.DefaultIfEmpty()
            join f in db.TransactionFx.AsNoTracking() on o.TransactionId equals f.TransactionId into conversions
            from f in conversions.DefaultIfEmpty()
            orderby o.Id
            select new { o, ListSet = s == null ? null : s.ListSetId, FxTable = f == null ? null : f.RateTableVersion, FxPath = f == null ? null : f.Path };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ObligationRow o = row.o;
            yield return new ObligationExportRow(windowId, o.Id, o.TransactionId, o.Uetr?.Value, o.EndToEndId, o.DebtorBic.Value, o.CreditorBic.Value, o.Currency.Code, o.Amount,
                o.ValueDate ?? businessDate, o.InstructedCurrency?.Code, o.InstructedAmount, o.ExchangeRate, o.AcceptedAt, row.ListSet, row.FxTable, row.FxPath);
        }
    }

    // Transactions in the window's currency rejected while it was open: what the auditor reconciles against.
    private async IAsyncEnumerable<RejectExportRow> Rejects(ClearingWindowRow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        DateTimeOffset from = window.OpenedAt;
        DateTimeOffset to = window.CutoffAt ?? DateTimeOffset.MaxValue;
        const TransactionState rejected = TransactionState.Rejected;
        string currency = window.Currency.Code;
        IQueryable<TransactionRow> query = db.Transactions.AsNoTracking().Where(t => t.State == rejected && t.Currency == currency);
        if (dialect.IsPostgres)
        {
            // Along the partial index of rejections (rejected_at is updated_at for a rejected transaction), not the whole table.
            query = query.Where(t => EF.Property<DateTimeOffset?>(t, PostgresDelTranDbContext.RejectedAt) >= from && EF.Property<DateTimeOffset?>(t, PostgresDelTranDbContext.RejectedAt) < to);
        }

        await foreach (TransactionRow t in query.OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Filtered here again: SQLite cannot compare DateTimeOffset columns in SQL.
            if (WindowReportRules.RejectedDuring(t.UpdatedAt, window.OpenedAt, window.CutoffAt))
            {
                yield return new RejectExportRow(t.Id, t.Uetr?.Value, t.EndToEndId, t.DebtorAgent, t.CreditorAgent, t.Currency, t.Amount, t.ReasonCode ?? "NARR", t.ReasonText, t.UpdatedAt);
            }
        }
    }
}
