namespace DelTran.Host.Invariants;

public static class InvariantServices
{
    /// <summary>The conservation monitor for `serve`: its options, the snapshot it reads and the loop that checks it.</summary>
    public static IServiceCollection AddInvariantMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvariantOptions>().Bind(configuration.GetSection(InvariantOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InvariantSnapshotLoader>();
        services.AddSingleton<InvariantMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<InvariantMonitor>());
        return services;
    }
}
