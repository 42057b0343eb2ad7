using DelTran.Host.Checks;
using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Ingest.Channels;

namespace DelTran.Host.Composition;

public static class DelTranServices
{
    /// <summary>The pipeline every command runs: the infrastructure, with ingest and the checks and their consumers on its bus.</summary>
    public static IServiceCollection AddDelTranPipeline(this IServiceCollection services, IConfiguration configuration, StorageSettings storage)
    {
        services.AddDelTranInfrastructure(configuration, storage, bus =>
        {
            IngestServices.AddIngestConsumers(bus);
            CheckServices.AddCheckConsumers(bus);
            ChannelRegistration.AddChannelConsumers(bus);
        });
        services.AddIngest();
        services.AddChecks(configuration);
        // The ports between features: the first windows seeded with the database, and the liquidity check stamping
        // obligations with Clearing's open windows.
        services.AddSingleton<IDatabaseSeeder, FirstWindowsSeeder>();
        services.AddSingleton<IAcceptanceWindows, AcceptanceWindows>();
        return services;
    }
}
