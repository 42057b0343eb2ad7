using Cronos;
using DelTran.Host.Clearing;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Jobs;

/// <summary>
/// The recurring close of a currency's window. Small arguments, safe to run twice: the cut-off is the cron
/// occurrence the job belongs to, and the database refuses to close a window opened at or after it, so a
/// second instance, a retried job or a late run closes nothing twice. No Hangfire lock on the method: it would be
/// one lock for every currency, and netting and settlement run under each window's own lease.
/// </summary>
public sealed class CloseWindowJob(ClearingCycle cycle, IOptions<ClearingOptions> options, TimeProvider clock, ILogger<CloseWindowJob> logger)
{
    public static string RecurringId(string currency) => "close-window-" + currency.ToUpperInvariant();

    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string currency, CancellationToken cancellationToken)
    {
        // Finish what a previous run left half way before closing anything new.
        foreach (string unfinished in await cycle.UnfinishedAsync(currency, cancellationToken))
        {
            CycleResult resumed = await cycle.ContinueAsync(unfinished, retry: false, cancellationToken);
            JobLog.Cycle(logger, unfinished, resumed.State ?? "-", resumed.Message);
        }

        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset? cutoff = CronExpression.Parse(options.Value.CronFor(currency))
            .GetOccurrences(now.UtcDateTime.AddDays(-31), now.UtcDateTime, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true)
            .Select(o => (DateTimeOffset?)new DateTimeOffset(o, TimeSpan.Zero)).LastOrDefault();
        CycleResult result = await cycle.CloseAndSettleAsync(new CloseRequest(currency, "scheduled close") { ScheduledCutoff = cutoff }, cancellationToken);
        JobLog.Cycle(logger, result.WindowId ?? currency, result.State ?? "-", result.Message);
    }
}

internal static partial class JobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Window {WindowId}: {State}. {Message}")]
    public static partial void Cycle(ILogger logger, string windowId, string state, string message);
}
