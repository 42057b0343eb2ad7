using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Infrastructure.Hosting;

public sealed class BackgroundLoopsHealthCheck(HealthState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, (bool Healthy, string? Detail)> components = state.Snapshot();
        var unhealthy = components.Where(c => !c.Value.Healthy).Select(c => $"{c.Key}: {c.Value.Detail}").ToList();
        // Each component with what it last saw, so /health/ready says which server is away and why.
        var data = components.OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => (object)(c.Value.Healthy ? "healthy" : "unhealthy: " + c.Value.Detail), StringComparer.Ordinal);
        return Task.FromResult(unhealthy.Count == 0
            ? HealthCheckResult.Healthy("every background loop reaches its servers", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", unhealthy), data: data));
    }
}
