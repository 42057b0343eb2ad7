namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>The JSON of /health/live and /health/ready.</summary>
public sealed record HealthAnswer(string Status, double DurationMs, IReadOnlyList<HealthCheckAnswer> Checks);
