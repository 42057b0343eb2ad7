using DelTran.Host.Checks.Aml;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Clearing.Forecasts;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Configuration;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

public static class ClearingServices
{
    /// <summary>Windows, netting, settlement through the bank gateway and reports: what both `serve` and `process` use.</summary>
    public static IServiceCollection AddClearing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<ClearingOptions>().Bind(configuration.GetSection(ClearingOptions.Section))
            .Validate<IOptions<DelTranOptions>>(
                (clearing, deltran) => clearing.Problems(deltran.Value.ToRulebook().AcceptedCurrencies).Count == 0,
                "DelTran:Clearing is invalid: check LeaseSeconds, SweepSeconds, StatementTransactionLimit and each currency's Cron, TimeZone, Cutoff, Weekend and Holidays")
            .ValidateOnStart();
        // From the validated options, not a second raw read of the section.
        services.AddSingleton(sp => new ReportsLocation(Path.GetFullPath(Path.Combine(dataDirectory, sp.GetRequiredService<IOptions<ClearingOptions>>().Value.ReportsDirectory))));
        services.AddBreakers(configuration);
        services.TryAddSingleton(InstanceIdentity.ForThisProcess());
        services.AddSingleton<WindowLeases>();
        services.AddSingleton<WindowCloser>();
        services.AddSingleton<WindowNetter>();
        services.AddSingleton<SettlementRunner>();
        services.AddSingleton<WindowReporter>();
        services.AddSingleton<ClearingCycle>();
        services.AddSingleton<LiquidityForecasts>();
        services.AddBankGateway(configuration);
        return services;
    }

    /// <summary>Hangfire for `serve`: PostgreSQL storage in production, in memory in the embedded default; one recurring close per currency.</summary>
    public static IServiceCollection AddClearingJobs(this IServiceCollection services, IConfiguration configuration, StorageSettings storage)
    {
        services.AddTransient<CloseWindowJob>();
        services.AddTransient<ContinueWindowJob>();
        services.AddTransient<ForecastAlertJob>();
        services.AddTransient<SanctionsListsJob>();
        services.AddTransient<ListDownloader>();
        // Lists run to tens of megabytes and their publishers are slow at times.
        services.AddHttpClient(ListDownloader.ClientName, client => client.Timeout = TimeSpan.FromMinutes(5));
        services.AddTransient<FxRatesJob>();
        services.AddTransient<AmlFlowRetentionJob>();
        // This host's own storage and job activator, registered before AddHangfire so that its TryAdd keeps them. Left to
        // Hangfire, both are the process-wide JobStorage.Current and JobActivator.Current, whichever host set them last:
        // with several hosts in one process (the tests), a job could be enqueued in another host's database, or run with
        // another host's services, and a window would wait in CLOSING or FAILED for a job that never came.
        services.AddSingleton<JobStorage>(_ => storage.UsesPostgres
            ? HangfireSchema.CreatePostgresStorage(storage.PostgresConnectionString!)
            : new Hangfire.InMemory.InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>())
            // Hangfire's log provider is process-wide too: a host stopped before another must not break its logging.
            .UseLogProvider(new OutlivedLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(provider.GetRequiredService<ILoggerFactory>()))));
        services.AddHangfireServer(server => server.WorkerCount = 2);
        services.AddHostedService<RecurringCloseScheduler>();
        services.AddHostedService<UnfinishedWindowSweeper>();
        return services;
    }
}

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

/// <summary>
/// Hangfire's tables on PostgreSQL, installed by one instance at a time. Hangfire.PostgreSql's own install is not safe
/// against several instances starting together on an empty database (its DDL races, and the loser fails to start), so
/// the install runs here under a PostgreSQL advisory lock, and the storage itself never installs.
/// </summary>
internal static class HangfireSchema
{
    private const string Schema = "hangfire";

    public static JobStorage CreatePostgresStorage(string connectionString)
    {
        using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            connection.Open();
            Execute(connection, "SELECT pg_advisory_lock(hashtext('deltran.hangfire.schema'))");
            try
            {
                PostgreSqlObjectsInstaller.Install(connection, Schema);
            }
            finally
            {
                Execute(connection, "SELECT pg_advisory_unlock(hashtext('deltran.hangfire.schema'))");
            }
        }

        // A closed window should settle within seconds, not wait for the storage's default 15-second queue poll.
        // A lock is held only while a job is scheduled or registered (no job holds one while it runs), so a row older than
        // a minute is a killed instance's: it goes stale then, not after the storage's default ten minutes.
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options, null), options);
    }

    private static void Execute(Npgsql.NpgsqlConnection connection, string sql)
    {
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Hangfire logs through one process-wide provider, the last host's. When that host is disposed before another (tests
/// run several hosts in one process), its logger factory throws ObjectDisposedException inside the other host's
/// workers, and a job could be left unfinished holding its lock. A log line to a disposed host is dropped instead.
/// </summary>
public sealed class OutlivedLogProvider(Hangfire.Logging.ILogProvider inner) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new GuardedLog(inner, name);

    private sealed class GuardedLog(Hangfire.Logging.ILogProvider provider, string name) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return provider.GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}

