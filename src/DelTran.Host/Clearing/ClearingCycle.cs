using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing;

/// <summary>
/// One clearing cycle: close, net, settle, report. Each step starts from the window's stored state, so the
/// cycle is safe to run twice and a cycle interrupted half way (a crash, a lost database) is finished by the
/// next run: the scheduled job, an operator's retry, or `deltran process`.
/// </summary>
public sealed class ClearingCycle(Func<DelTranDbContext> databases, WindowCloser closer, WindowNetter netter, TokenWindowSettlement tokens, SettlementRunner settlement, WindowReporter reporter, ReportsLocation reports, WindowLeases leases)
{
    public async Task<CycleResult> CloseAndSettleAsync(CloseRequest request, CancellationToken cancellationToken)
    {
        CloseResult closed = await closer.CloseAsync(request, cancellationToken);
        if (closed.Outcome != CloseOutcome.Closed)
        {
            return new CycleResult(closed.WindowId, null, closed.Message, null);
        }

        CycleResult result = await ContinueAsync(closed.WindowId!, retry: false, cancellationToken);
        return result with { Message = closed.Message + " " + result.Message };
    }

    /// <summary>
    /// Carries a closed window as far as it goes, under the window's lease; with <paramref name="retry"/>, a FAILED
    /// settlement is tried again. When another instance holds the lease, nothing is done and the result says who.
    /// </summary>
    public async Task<CycleResult> ContinueAsync(string windowId, bool retry, CancellationToken cancellationToken)
    {
        (HeldWindowLease? lease, WindowLease current) = await leases.TryTakeAsync(windowId, cancellationToken);
        if (lease is null)
        {
            WindowState held = await StateAsync(windowId, cancellationToken);
            string until = current.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            return new CycleResult(windowId, WindowStateMachine.Code(held), $"Window {windowId} is being carried by {current.Holder} (lease until {until}); nothing was done here.", null);
        }

        await using (lease)
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            return await ContinueHeldAsync(windowId, retry, lease, run.Token);
        }
    }

    private async Task<CycleResult> ContinueHeldAsync(string windowId, bool retry, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        WindowState state = await StateAsync(windowId, cancellationToken);
        retry = retry || await RetryRequestedAsync(windowId, cancellationToken);
        string message = string.Empty;
        if (state == WindowState.Closing)
        {
            await netter.NetAsync(windowId, lease, cancellationToken);
            state = await StateAsync(windowId, cancellationToken);
        }

        // A currency that settles in tokens: one transaction, or the banks when a net debtor lacks the tokens.
        if (state == WindowState.Netted && await tokens.TrySettleAsync(windowId, lease, cancellationToken))
        {
            state = await StateAsync(windowId, cancellationToken);
            message = $"Window {windowId} settled in tokens.";
        }

        if (state is WindowState.Netted or WindowState.Settling || (state == WindowState.Failed && retry))
        {
            SettlementOutcome outcome = await settlement.SettleAsync(windowId, retry, lease, cancellationToken);
            message = outcome.Message;
            state = await StateAsync(windowId, cancellationToken);
        }

        if (state is WindowState.Settled or WindowState.Failed)
        {
            WindowReportFiles files = await reporter.WriteAsync(windowId, reports.Root, cancellationToken);
            return new CycleResult(windowId, WindowStateMachine.Code(state), message, files);
        }

        return new CycleResult(windowId, WindowStateMachine.Code(state), message, null);
    }

    /// <summary>Windows a previous run left half way (CLOSING, NETTED, SETTLING): finished before anything new is closed.</summary>
    public async Task<List<string>> UnfinishedAsync(string currency, CancellationToken cancellationToken)
    {
        Currency code = Currency.Parse(currency);
        await using DelTranDbContext db = databases();
        return await UnfinishedWindows(db).Where(w => w.Currency == code).OrderBy(w => w.Sequence).Select(w => w.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Every currency's windows that a run left half way, or finished without writing their reports, whose lease is
    /// free or has run out at <paramref name="now"/>: what the sweep of `serve` picks up.
    /// </summary>
    public async Task<List<string>> UnclaimedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        WindowState settled = WindowState.Settled, failed = WindowState.Failed;
        var candidates = await db.ClearingWindows.AsNoTracking()
            .Where(w => UnfinishedStates.Contains(w.State) || ((w.State == settled || w.State == failed) && w.AuditDigest == null) || (w.State == failed && w.RetryRequestedAt != null))
            .OrderBy(w => w.Currency).ThenBy(w => w.Sequence)
            .Select(w => new { w.Id, w.LeaseHolder, w.LeaseExpiresAt, w.LeaseFence }).ToListAsync(cancellationToken);
        return candidates.Where(w => new WindowLease(w.LeaseHolder, w.LeaseExpiresAt, w.LeaseFence).IsFree(now)).Select(w => w.Id).ToList();
    }

    private static readonly WindowState[] UnfinishedStates = [WindowState.Closing, WindowState.Netted, WindowState.Settling];

    private static IQueryable<ClearingWindowRow> UnfinishedWindows(DelTranDbContext db) => db.ClearingWindows.AsNoTracking().Where(w => UnfinishedStates.Contains(w.State));

    private async Task<bool> RetryRequestedAsync(string windowId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        return await db.ClearingWindows.AsNoTracking().AnyAsync(w => w.Id == windowId && w.RetryRequestedAt != null, cancellationToken);
    }

    private async Task<WindowState> StateAsync(string windowId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        WindowState? state = await db.ClearingWindows.AsNoTracking().Where(w => w.Id == windowId).Select(w => (WindowState?)w.State).SingleOrDefaultAsync(cancellationToken);
        return state ?? throw new InvalidOperationException($"No window {windowId}.");
    }
}
