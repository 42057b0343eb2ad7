using DelTran.Host.Checks;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Ingest.Channels;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Composition;

public static class DelTranServices
{
    /// <summary>Registers the pipeline: database, bus with the stage consumers, outbox dispatcher, ingest.</summary>
    public static IServiceCollection AddDelTranPipeline(this IServiceCollection services, IConfiguration configuration, StorageSettings storage)
    {
        services.AddOptions<DelTranOptions>().Bind(configuration.GetSection(DelTranOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran configuration is invalid; run 'deltran validate --help' or see README.md")
            .ValidateOnStart();
        services.AddOptions<AmlOptions>().Bind(configuration.GetSection(AmlOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Aml is invalid: check the thresholds and the country codes")
            .ValidateOnStart();
        services.AddOptions<AmlRetentionOptions>().Bind(configuration.GetSection(AmlRetentionOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Aml:Retention is invalid: check Margin (not negative), BatchSize and Cron")
            .ValidateOnStart();
        services.AddOptions<FxOptions>().Bind(configuration.GetSection(FxOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Fx is invalid: check Pivot and each of Rates (pair, bid, ask, ValidFrom and ValidTo with an offset)")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Outbox is invalid: check BatchSize (1 to 10000), PollInterval, MaxBackoff (at least PollInterval) and PublishTimeout (positive)")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HealthState>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(StageChecks.On);

        if (storage.UsesPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresDelTranDbContext>()
                .UseNpgsql(storage.PostgresConnectionString, npgsql => npgsql.EnableRetryOnFailure(0))
                .Options;
            services.AddSingleton<IDatabaseDialect, PostgresDialect>();
            services.AddSingleton<Func<DelTranDbContext>>(() => new PostgresDelTranDbContext(options));
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath))!);
            var options = new DbContextOptionsBuilder<SqliteDelTranDbContext>()
                .UseSqlite($"Data Source={storage.SqlitePath};Default Timeout=60")
                .Options;
            services.AddSingleton<IDatabaseDialect, SqliteDialect>();
            services.AddSingleton<Func<DelTranDbContext>>(() => new SqliteDelTranDbContext(options));
        }

        services.AddScoped(sp => sp.GetRequiredService<Func<DelTranDbContext>>()());
        services.AddSingleton<MessageValidatorFactory>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<IDatabaseSeeder, FirstWindowsSeeder>();
        // The liquidity stage stamps obligations with Clearing's open windows.
        services.AddSingleton<IAcceptanceWindows, AcceptanceWindows>();
        services.AddBreakers(configuration);
        services.AddSingleton<SanctionsProvider>();
        services.AddSingleton<ScreeningListSetRecorder>();
        services.AddHostedService<SanctionsWarmUp>();
        services.AddSingleton<FxRatesProvider>();
        services.AddHostedService<FxRatesStartup>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<BreakerRestore>();

        string endpointPrefix = BusOptions.From(configuration).EndpointPrefix;
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            bus.AddConsumer<ProcessInboundFileConsumer>(c => c.ConcurrentMessageLimit = 1);
            bus.AddConsumer<CompleteMessageConsumer>();
            StageRegistration.AddStageConsumers(bus);
            // Every instance keeps a breaker board, so each needs every breaker change: a queue of its own, temporary
            // (auto-delete, gone with the instance), not a queue the instances compete on like the stage commands.
            bus.AddConsumer<BreakerChangedConsumer>().Endpoint(endpoint =>
            {
                endpoint.Temporary = true;
                endpoint.InstanceId = Guid.NewGuid().ToString("N")[..12];
            });
            ChannelRegistration.AddChannelConsumers(bus);

            if (storage.UsesRabbitMq)
            {
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(new Uri(storage.RabbitMqConnectionString!));
                    rabbit.MessageTopology.SetEntityNameFormatter(new InstallationEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, endpointPrefix));
                    rabbit.UseConsumeFilter(typeof(StartupGateFilter<>), context);
                    rabbit.UseMessageRetry(RetryWhileUnreachable);
                    rabbit.UseMessageRetry(RetryLostRaces);
                    rabbit.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, memory) =>
                {
                    memory.MessageTopology.SetEntityNameFormatter(new InstallationEntityNameFormatter(memory.MessageTopology.EntityNameFormatter, endpointPrefix));
                    memory.UseConsumeFilter(typeof(StartupGateFilter<>), context);
                    memory.UseMessageRetry(RetryWhileUnreachable);
                    memory.UseMessageRetry(RetryLostRaces);
                    memory.ConfigureEndpoints(context);
                });
            }
        });

        return services;
    }

    // A server that cannot be reached is retried with back-off until it returns: the message stays
    // unacknowledged, so nothing accepted is lost or parked while PostgreSQL or the broker is away.
    private static void RetryWhileUnreachable(IRetryConfigurator retry)
    {
        retry.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        retry.Handle<Exception>(DatabaseOutage.IsUnreachable);
    }

    // A write that loses a race (a unique key taken a moment earlier by another instance) succeeds on a retry,
    // which then sees the winner. One that keeps failing is a bug, not a race: after a few tries it goes to
    // the endpoint's _error queue, like every other exception, for an operator to see and replay.
    private static void RetryLostRaces(IRetryConfigurator retry)
    {
        retry.Intervals(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        retry.Handle<DbUpdateException>(ex => !DatabaseOutage.IsUnreachable(ex));
        retry.Handle<Npgsql.PostgresException>(ex => ex.SqlState is "23505" or "40001" or "40P01");
    }
}
