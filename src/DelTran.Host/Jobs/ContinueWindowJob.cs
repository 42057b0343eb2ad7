using DelTran.Host.Clearing;
using Hangfire;

namespace DelTran.Host.Jobs;

/// <summary>Nets, settles and reports a closed window (or retries a FAILED one), off the request that asked for it.</summary>
public sealed class ContinueWindowJob(ClearingCycle cycle, ILogger<ContinueWindowJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string windowId, bool retry, CancellationToken cancellationToken)
    {
        CycleResult result = await cycle.ContinueAsync(windowId, retry, cancellationToken);
        JobLog.Cycle(logger, windowId, result.State ?? "-", result.Message);
    }
}
