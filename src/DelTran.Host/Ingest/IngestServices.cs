using MassTransit;

namespace DelTran.Host.Ingest;

/// <summary>Ingest: storing what banks send, validating it and turning it into transactions for the checks.</summary>
public static class IngestServices
{
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<MessageValidatorFactory>();
        services.AddSingleton<IngestService>();
        return services;
    }

    /// <summary>Inside AddMassTransit: one file validated at a time (each is bulk-loaded in one transaction), and the message's completion.</summary>
    public static void AddIngestConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ProcessInboundFileConsumer>(c => c.ConcurrentMessageLimit = 1);
        bus.AddConsumer<CompleteMessageConsumer>();
    }
}
