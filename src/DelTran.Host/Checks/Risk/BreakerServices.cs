namespace DelTran.Host.Checks.Risk;

/// <summary>The circuit breakers' registration, the one place for it: the stages and the clearing both need them.</summary>
public static class BreakerServices
{
    /// <summary>Registers the breakers once (a second call changes nothing), their settings validated at start.</summary>
    public static IServiceCollection AddBreakers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(BreakerService)))
        {
            return services;
        }

        services.AddSingleton<BreakerService>();
        services.AddOptions<BreakerSettings>().Bind(configuration.GetSection(BreakerSettings.Section))
            .Validate(b => b.Participant.Validate().Count == 0 && b.Corridor.Validate().Count == 0, "DelTran:Risk:Breakers is invalid")
            .ValidateOnStart();
        return services;
    }
}
