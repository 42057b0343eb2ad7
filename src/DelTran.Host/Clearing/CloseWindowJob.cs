using Cronos;
using DelTran.Core.Clearing;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

/// <summary>
/// The recurring close of a currency's window. Small arguments, safe to run twice: a run the scheduler started for a cron
/// occurrence closes as of that occurrence, and the database refuses to close a window opened at or after it, so a
/// second instance, a retried job or a late run closes nothing twice. A run started by hand (the dashboard's "Trigger
/// now") closes the open window at once. The run's result, shown on the dashboard, says what it did or why it did not.
/// No Hangfire lock on the method: it would be one lock for every currency, and netting and settlement run under each
/// window's own lease.
/// </summary>
public sealed class CloseWindowJob(ClearingCycle cycle, IOptions<ClearingOptions> options, TimeProvider clock, ILogger<CloseWindowJob> logger)
{
    /// <summary>The job parameter in which Hangfire records the moment a recurring job was triggered (Unix seconds).</summary>
    public const string TriggeredAtParameter = "Time";

    public static string RecurringId(string currency) => "close-window-" + currency.ToUpperInvariant();

    /// <param name="currency">The window's currency.</param>
    /// <param name="context">Given by Hangfire (null when registering the job).</param>
    /// <param name="cancellationToken">Given by Hangfire.</param>
    [AutomaticRetry(Attempts = 5)]
    public async Task<string> RunAsync(string currency, PerformContext? context, CancellationToken cancellationToken)
    {
        // Finish what a previous run left half way before closing anything new.
        var said = new List<string>();
        foreach (string unfinished in await cycle.UnfinishedAsync(currency, cancellationToken))
        {
            CycleResult resumed = await cycle.ContinueAsync(unfinished, retry: false, cancellationToken);
            JobLog.Cycle(logger, unfinished, resumed.State ?? "-", resumed.Message);
            said.Add($"{unfinished}: {resumed.State ?? "-"}. {resumed.Message}");
        }

        DateTimeOffset? triggeredAt = context?.GetJobParameter<long?>(TriggeredAtParameter) is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        CloseRequest request = Request(currency, triggeredAt);
        CycleResult result = await cycle.CloseAndSettleAsync(request, cancellationToken);
        JobLog.Cycle(logger, result.WindowId ?? currency, result.State ?? "-", result.Message);
        said.Add($"{request.Cause}: {result.WindowId ?? currency} {result.State ?? "-"}. {result.Message}");
        return string.Join(" ", said);
    }

    /// <summary>
    /// A run triggered on an occurrence of the currency's cron is the scheduled close of that occurrence; a run triggered at
    /// any other moment was started by hand and closes the open window now.
    /// </summary>
    public CloseRequest Request(string currency, DateTimeOffset? triggeredAt)
    {
        CronExpression cron = CronExpression.Parse(options.Value.CronFor(currency));
        if (triggeredAt is { } at && cron.GetNextOccurrence(at.UtcDateTime.AddSeconds(-1), TimeZoneInfo.Utc) == at.UtcDateTime)
        {
            return new CloseRequest(currency, "scheduled close") { ScheduledCutoff = at };
        }

        if (triggeredAt is not null)
        {
            return new CloseRequest(currency, "closed by hand (Hangfire dashboard, Trigger now)");
        }

        // Run without Hangfire's trigger time: the latest occurrence, as a late scheduled run would use.
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset? cutoff = cron
            .GetOccurrences(now.UtcDateTime.AddDays(-31), now.UtcDateTime, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true)
            .Select(o => (DateTimeOffset?)new DateTimeOffset(o, TimeSpan.Zero)).LastOrDefault();
        return new CloseRequest(currency, "scheduled close") { ScheduledCutoff = cutoff };
    }
}
