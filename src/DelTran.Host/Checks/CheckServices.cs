using DelTran.Host.Checks.Aml;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Checks.Screening;
using MassTransit;

namespace DelTran.Host.Checks;

/// <summary>The checks a payment passes after ingest: screening and AML, risk and breakers, liquidity and FX.</summary>
public static class CheckServices
{
    /// <summary>Their options (validated at start), the sanctions lists and FX rates they read, their jobs, and the breakers.</summary>
    public static IServiceCollection AddChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AmlOptions>().Bind(configuration.GetSection(AmlOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Aml is invalid: check the thresholds and the country codes")
            .ValidateOnStart();
        services.AddOptions<AmlRetentionOptions>().Bind(configuration.GetSection(AmlRetentionOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Aml:Retention is invalid: check Margin (not negative), BatchSize and Cron")
            .ValidateOnStart();
        services.AddOptions<FxOptions>().Bind(configuration.GetSection(FxOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Fx is invalid: check Pivot and each of Rates (pair, bid, ask, ValidFrom and ValidTo with an offset)")
            .ValidateOnStart();
        services.AddSingleton(StageChecks.On);
        services.AddBreakers(configuration);
        services.AddHostedService<BreakerRestore>();
        services.AddSingleton<SanctionsProvider>();
        services.AddSingleton<ScreeningListSetRecorder>();
        services.AddHostedService<SanctionsWarmUp>();
        services.AddSingleton<FxRatesProvider>();
        services.AddHostedService<FxRatesStartup>();

        services.AddTransient<SanctionsListsJob>();
        services.AddTransient<ListDownloader>();
        // Lists run to tens of megabytes and their publishers are slow at times.
        services.AddHttpClient(ListDownloader.ClientName, client => client.Timeout = TimeSpan.FromMinutes(5));
        services.AddTransient<FxRatesJob>();
        services.AddTransient<AmlFlowRetentionJob>();
        return services;
    }

    /// <summary>Inside AddMassTransit: the stage consumers, and every instance's own queue of breaker changes.</summary>
    public static void AddCheckConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScreeningConsumer>();
        bus.AddConsumer<RiskConsumer>();
        bus.AddConsumer<LiquidityConsumer>();
        // Every instance keeps a breaker board, so each needs every breaker change: a queue of its own, temporary
        // (auto-delete, gone with the instance), not a queue the instances compete on like the stage commands.
        bus.AddConsumer<BreakerChangedConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..12];
        });
    }
}
