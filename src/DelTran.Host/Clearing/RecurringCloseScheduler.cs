using DelTran.Host.Checks.Aml;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Clearing.Forecasts;
using DelTran.Host.Infrastructure.Configuration;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

/// <summary>
/// Keeps one recurring close and one liquidity forecast per accepted currency in Hangfire, and the list, rate and
/// AML-history jobs. Registering takes Hangfire's locks, which a killed instance may still hold until they go stale:
/// it is retried in the background until it gets through, so that such a lock never stops the service from starting
/// (the jobs of the previous run are in the storage meanwhile).
/// </summary>
public sealed partial class RecurringCloseScheduler(
    IRecurringJobManager jobs,
    IOptions<ClearingOptions> clearing,
    IOptions<DelTranOptions> deltran,
    IOptions<AmlRetentionOptions> amlRetention,
    TimeProvider clock,
    ILogger<RecurringCloseScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        for (int attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                Register();
                if (attempt > 1)
                {
                    LogRegistered(logger, attempt);
                }

                return;
            }
            catch (Exception ex) when (ex is Hangfire.Storage.DistributedLockTimeoutException or PostgreSqlDistributedLockException)
            {
                LogLockBusy(logger, attempt, ex.Message);
            }

            await Task.Delay(RetryInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    private void Register()
    {
        jobs.AddOrUpdate<AmlFlowRetentionJob>(AmlFlowRetentionJob.RecurringId, job => job.RunAsync(CancellationToken.None), amlRetention.Value.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<SanctionsListsJob>(SanctionsListsJob.RecurringId, job => job.RunAsync(CancellationToken.None), SanctionsListsJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<FxRatesJob>(FxRatesJob.RecurringId, job => job.RunAsync(CancellationToken.None), FxRatesJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        foreach (string currency in deltran.Value.ToRulebook().AcceptedCurrencies)
        {
            string id = CloseWindowJob.RecurringId(currency);
            if (clearing.Value.ScheduleCloses)
            {
                jobs.AddOrUpdate<CloseWindowJob>(id, job => job.RunAsync(currency, null, CancellationToken.None), clearing.Value.CronFor(currency), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            else
            {
                jobs.RemoveIfExists(id);
            }

            jobs.AddOrUpdate<ForecastAlertJob>(ForecastAlertJob.RecurringId(currency), job => job.RunAsync(currency, CancellationToken.None), ForecastAlertJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recurring jobs not registered yet (attempt {Attempt}): {Reason} A lock left by a stopped instance goes stale within a minute; retrying.")]
    private static partial void LogLockBusy(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs registered at attempt {Attempt}.")]
    private static partial void LogRegistered(ILogger logger, int attempt);
}
