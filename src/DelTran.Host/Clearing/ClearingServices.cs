using DelTran.Host.Clearing.Forecasts;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Configuration;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

public static class ClearingServices
{
    /// <summary>Windows, netting, settlement through the bank gateway and reports: what both `serve` and `process` use. The settlement charges the breakers that AddChecks registers.</summary>
    public static IServiceCollection AddClearing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<ClearingOptions>().Bind(configuration.GetSection(ClearingOptions.Section))
            .Validate<IOptions<DelTranOptions>>(
                (clearing, deltran) => clearing.Problems(deltran.Value.ToRulebook().AcceptedCurrencies).Count == 0,
                "DelTran:Clearing is invalid: check LeaseSeconds, SweepSeconds, StatementTransactionLimit and each currency's Cron, TimeZone, Cutoff, Weekend and Holidays")
            .ValidateOnStart();
        // From the validated options, not a second raw read of the section.
        services.AddSingleton(sp => new ReportsLocation(Path.GetFullPath(Path.Combine(dataDirectory, sp.GetRequiredService<IOptions<ClearingOptions>>().Value.ReportsDirectory))));
        services.TryAddSingleton(InstanceIdentity.ForThisProcess());
        services.AddSingleton<WindowLeases>();
        services.AddSingleton<WindowCloser>();
        services.AddSingleton<WindowNetter>();
        services.AddSingleton<SettlementRunner>();
        services.AddSingleton<TokenWindowSettlement>();
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
