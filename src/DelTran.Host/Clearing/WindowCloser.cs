using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

/// <summary>
/// Closes a window exactly once. The database is the guard, not a scheduler lock: the close takes the
/// currency's window guard exclusively (every stage transaction that accepts obligations holds it shared), so
/// at the moment of the close no obligation is half-accepted, and the next window is opened in the same
/// transaction. Membership is then decided by acceptance time against the cut-off, with no race at the edge.
/// </summary>
public sealed class WindowCloser(Func<DelTranDbContext> databases, IDatabaseDialect dialect, IOptions<ClearingOptions> options, IOptions<DelTranOptions> deltran, ILogger<WindowCloser> logger)
{
    public async Task<CloseResult> CloseAsync(CloseRequest request, CancellationToken cancellationToken)
    {
        if (WindowClose.RefuseCurrency(request, deltran.Value.ToRulebook().AcceptedCurrencies) is { } unknown)
        {
            return unknown;
        }

        Currency currency = Currency.Parse(request.Currency);
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await dialect.EnterWindowGuardExclusiveAsync(db, request.Currency, cancellationToken);
        DateTimeOffset now = await dialect.NowAsync(db, cancellationToken);
        ClearingWindowRow window = (await OpenWindows.GetOrOpenAsync(db, [currency], now, cancellationToken))[currency];
        WindowCloseDecision decision = WindowClose.Decide(request, window.Id, window.OpenedAt, now, options.Value.CalendarFor(request.Currency));
        if (decision.Refused is { } refused)
        {
            return refused;
        }

        await dialect.LockCurrencyPositionsAsync(db, request.Currency, cancellationToken);
        ClearingWindowRow next = await CloseAndOpenNextAsync(db, window, decision, WindowClose.ClosingCause(request, decision), now, cancellationToken);
        WindowCloseCounts counts = await SettleMembershipAsync(db, window, next.Id, decision, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        CloseResult result = WindowClose.Closed(window.Id, next.Id, decision, counts, request.Currency);
        Log.Closed(logger, result.Message);
        return result;
    }

    private static async Task<ClearingWindowRow> CloseAndOpenNextAsync(DelTranDbContext db, ClearingWindowRow window, WindowCloseDecision decision, string cause, DateTimeOffset now, CancellationToken cancellationToken)
    {
        WindowState closing = WindowState.Closing;
        WindowState open = OpenWindows.Open;
        int updated = await db.ClearingWindows.Where(w => w.Id == window.Id && w.State == open).ExecuteUpdateAsync(
            s => s.SetProperty(w => w.State, closing).SetProperty(w => w.CutoffAt, decision.Cutoff).SetProperty(w => w.BusinessDate, decision.BusinessDate).SetProperty(w => w.UpdatedAt, now),
            cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Window {window.Id} changed state under the exclusive window guard.");
        }

        ClearingWindowRow next = OpenWindows.New(window.Currency, window.Sequence + 1, decision.Cutoff);
        db.ClearingWindows.Add(next);
        db.WindowEvents.Add(Event(window.Id, now, open, closing, cause));
        db.WindowEvents.Add(Event(next.Id, now, null, open, $"opened by the close of {window.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        return next;
    }

    // The window's members by WindowAssignment's rules, applied in SQL, and the totals of what it keeps.
    private async Task<WindowCloseCounts> SettleMembershipAsync(DelTranDbContext db, ClearingWindowRow window, string nextId, WindowCloseDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Accepted at or after a scheduled cut-off that the job reached late: the next window's, by acceptance time.
        int late = await MoveLateAsync(db, window.Id, nextId, decision.Cutoff, cancellationToken);

        // Value-dated after this window's settlement date: not due yet, settles in a later window.
        DateOnly businessDate = decision.BusinessDate;
        int notDue = await db.Obligations.Where(o => o.WindowId == window.Id && o.ValueDate != null && o.ValueDate > businessDate)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CarriedFrom, o => o.CarriedFrom ?? o.WindowId).SetProperty(o => o.WindowId, nextId), cancellationToken);

        // What this window settles leaves the running positions (in-flight and carried obligations stay in them).
        await dialect.ReleaseWindowPositionsAsync(db, window.Id, window.Currency, cancellationToken);
        int carried = await CarryAbandonedAsync(db, window, now, cancellationToken);
        (long count, decimal sum) = await dialect.WindowTotalsAsync(db, window.Id, cancellationToken);
        await db.ClearingWindows.Where(w => w.Id == window.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ObligationCount, count).SetProperty(w => w.ObligationSum, sum), cancellationToken);
        return new WindowCloseCounts(count, sum, late, notDue, carried);
    }

    // Failed windows nobody retried: their obligations (already out of the positions) settle with this one.
    private static async Task<int> CarryAbandonedAsync(DelTranDbContext db, ClearingWindowRow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        WindowState failed = WindowState.Failed;
        Currency currency = window.Currency;
        List<string> abandoned = await db.ClearingWindows
            .Where(w => w.Currency == currency && w.State == failed && w.CarriedTo == null)
            .Select(w => w.Id).ToListAsync(cancellationToken);
        int carried = 0;
        foreach (string failedId in abandoned)
        {
            carried += await db.Obligations.Where(o => o.WindowId == failedId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CarriedFrom, o => o.CarriedFrom ?? o.WindowId).SetProperty(o => o.WindowId, window.Id), cancellationToken);
            await db.ClearingWindows.Where(w => w.Id == failedId).ExecuteUpdateAsync(s => s.SetProperty(w => w.CarriedTo, window.Id).SetProperty(w => w.UpdatedAt, now), cancellationToken);
            db.WindowEvents.Add(Event(failedId, now, failed, failed, $"obligations carried into {window.Id}, which settles them; this window can no longer be retried"));
        }

        return carried;
    }

    private async Task<int> MoveLateAsync(DelTranDbContext db, string windowId, string nextId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (dialect.IsPostgres)
        {
            // The same rule as WindowAssignment.BelongsBefore (half-open: at the cut-off is late), run by the database.
            return await db.Obligations.Where(o => o.WindowId == windowId && o.AcceptedAt >= cutoff)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CarriedFrom, o => o.CarriedFrom ?? o.WindowId).SetProperty(o => o.WindowId, nextId), cancellationToken);
        }

        // SQLite stores DateTimeOffset as text and cannot compare it in SQL: pick the late ones here (embedded windows are small).
        var late = (await db.Obligations.AsNoTracking().Where(o => o.WindowId == windowId).Select(o => new { o.Id, o.AcceptedAt }).ToListAsync(cancellationToken))
            .Where(o => !WindowAssignment.BelongsBefore(o.AcceptedAt, cutoff)).Select(o => o.Id).ToList();
        foreach (long[] chunk in late.Chunk(500))
        {
            await db.Obligations.Where(o => chunk.Contains(o.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CarriedFrom, o => o.CarriedFrom ?? o.WindowId).SetProperty(o => o.WindowId, nextId), cancellationToken);
        }

        return late.Count;
    }

    internal static WindowEventRow Event(string windowId, DateTimeOffset at, WindowState? from, WindowState to, string cause) =>
        new() { WindowId = windowId, At = at, FromState = from, ToState = to, Cause = cause };
}
