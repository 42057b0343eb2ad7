using DelTran.Core.Clearing;
using DelTran.Host.Persistence;
using DelTran.Host.Settlement;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing;

/// <summary>Where a window's reports are written: the configured reports directory, resolved once at startup.</summary>
public sealed record ReportsLocation(string Root);

public sealed record CycleResult(string? WindowId, string? State, string Message, WindowReportFiles? Reports);

/// <summary>
/// One clearing cycle: close, net, settle, report. Each step starts from the window's stored state, so the
/// cycle is safe to run twice and a cycle interrupted half way (a crash, a lost database) is finished by the
/// next run: the scheduled job, an operator's retry, or `deltran process`.
/// </summary>
public sealed class ClearingCycle(Func<DelTranDbContext> databases, WindowCloser closer, WindowNetter netter, SettlementRunner settlement, WindowReporter reporter, ReportsLocation reports)
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

    /// <summary>Carries a closed window as far as it goes; with <paramref name="retry"/>, a FAILED settlement is tried again.</summary>
    public async Task<CycleResult> ContinueAsync(string windowId, bool retry, CancellationToken cancellationToken)
    {
        WindowState state = await StateAsync(windowId, cancellationToken);
        string message = string.Empty;
        if (state == WindowState.Closing)
        {
            await netter.NetAsync(windowId, cancellationToken);
            state = await StateAsync(windowId, cancellationToken);
        }

        if (state is WindowState.Netted or WindowState.Settling || (state == WindowState.Failed && retry))
        {
            SettlementOutcome outcome = await settlement.SettleAsync(windowId, retry, cancellationToken);
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
        string[] unfinished = [WindowStateMachine.Code(WindowState.Closing), WindowStateMachine.Code(WindowState.Netted), WindowStateMachine.Code(WindowState.Settling)];
        await using DelTranDbContext db = databases();
        return await db.ClearingWindows.AsNoTracking().Where(w => w.Currency == currency && unfinished.Contains(w.State))
            .OrderBy(w => w.Sequence).Select(w => w.Id).ToListAsync(cancellationToken);
    }

    private async Task<WindowState> StateAsync(string windowId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        string? state = await db.ClearingWindows.AsNoTracking().Where(w => w.Id == windowId).Select(w => w.State).SingleOrDefaultAsync(cancellationToken);
        return state is null ? throw new InvalidOperationException($"No window {windowId}.") : WindowStateMachine.Parse(state);
    }
}
