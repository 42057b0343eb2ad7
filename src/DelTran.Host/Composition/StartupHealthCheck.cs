using DelTran.Host.Infrastructure.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Composition;

/// <summary>Not ready until the database is migrated and seeded: the API refuses work until then.</summary>
public sealed class StartupHealthCheck(StartupInitializer initializer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(initializer.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database not migrated and seeded yet"));
}
