using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Infrastructure;

/// <summary>What every feature stands on: the settings, the database, the outbox and the bus.</summary>
public static class InfrastructureServices
{
    /// <summary>
    /// Registers the database of <paramref name="storage"/> (PostgreSQL, or the embedded SQLite file), the outbox and its
    /// dispatcher, and the bus (RabbitMQ, or in memory) with the consumers the features add in <paramref name="consumers"/>.
    /// </summary>
    public static IServiceCollection AddDelTranInfrastructure(this IServiceCollection services, IConfiguration configuration, StorageSettings storage, Action<IBusRegistrationConfigurator> consumers)
    {
        services.AddOptions<DelTranOptions>().Bind(configuration.GetSection(DelTranOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran configuration is invalid; run 'deltran validate --help' or see README.md")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Outbox is invalid: check BatchSize (1 to 10000), PollInterval, MaxBackoff (at least PollInterval) and PublishTimeout (positive)")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HealthState>();
        services.AddSingleton<OutboxSignal>();

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
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService<OutboxDispatcher>();

        string endpointPrefix = BusOptions.From(configuration).EndpointPrefix;
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            consumers(bus);
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
