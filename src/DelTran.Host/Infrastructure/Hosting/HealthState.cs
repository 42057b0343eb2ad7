using System.Collections.Concurrent;

namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>What the background loops last saw of their servers; /health/ready reports it.</summary>
public sealed class HealthState
{
    private readonly ConcurrentDictionary<string, (bool Healthy, string? Detail)> _components = new(StringComparer.Ordinal);

    public void Report(string component, bool healthy, string? detail) => _components[component] = (healthy, detail);

    public IReadOnlyDictionary<string, (bool Healthy, string? Detail)> Snapshot() => _components.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
