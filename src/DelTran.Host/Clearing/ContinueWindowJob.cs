using Hangfire;

namespace DelTran.Host.Clearing;

/// <summary>
/// Nets, settles and reports a closed window (or retries a FAILED one), off the request that asked for it. No
/// Hangfire lock: the window's own lease keeps two runs apart, and a lock on the method would hold every other
/// currency's window behind this one (and, left by a killed process, for its whole timeout).
/// </summary>
public sealed class ContinueWindowJob(ClearingCycle cycle, ILogger<ContinueWindowJob> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string windowId, bool retry, CancellationToken cancellationToken)
    {
        CycleResult result = await cycle.ContinueAsync(windowId, retry, cancellationToken);
        JobLog.Cycle(logger, windowId, result.State ?? "-", result.Message);
    }
}
