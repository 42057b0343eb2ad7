using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Hosting;

/// <summary>What the background loops last saw of their servers; /health/ready reports it.</summary>
public sealed class HealthState
{
    private readonly ConcurrentDictionary<string, (bool Healthy, string? Detail)> _components = new(StringComparer.Ordinal);

    public void Report(string component, bool healthy, string? detail) => _components[component] = (healthy, detail);

    public IReadOnlyDictionary<string, (bool Healthy, string? Detail)> Snapshot() => _components.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

public sealed class BackgroundLoopsHealthCheck(HealthState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unhealthy = state.Snapshot().Where(c => !c.Value.Healthy).Select(c => $"{c.Key}: {c.Value.Detail}").ToList();
        return Task.FromResult(unhealthy.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join("; ", unhealthy)));
    }
}
