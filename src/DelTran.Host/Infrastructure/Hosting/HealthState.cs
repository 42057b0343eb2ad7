using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Infrastructure.Hosting;

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

/// <summary>The health endpoints' answer: the overall status and, for each check, its status, reason and details, as JSON.</summary>
public static class HealthJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var body = new HealthAnswer(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new HealthCheckAnswer(
                e.Key,
                e.Value.Status.ToString(),
                e.Value.Description ?? e.Value.Exception?.Message,
                e.Value.Duration.TotalMilliseconds,
                e.Value.Data.Count == 0 ? null : e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString(), StringComparer.Ordinal)))]);
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(body, Options));
    }
}

/// <summary>The JSON of /health/live and /health/ready.</summary>
public sealed record HealthAnswer(string Status, double DurationMs, IReadOnlyList<HealthCheckAnswer> Checks);

/// <summary>One check of <see cref="HealthAnswer"/>: its status, why, and what it looked at.</summary>
public sealed record HealthCheckAnswer(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, string?>? Data);
