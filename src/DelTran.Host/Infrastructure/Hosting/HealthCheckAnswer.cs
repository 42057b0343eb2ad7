namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>One check of <see cref="HealthAnswer"/>: its status, why, and what it looked at.</summary>
public sealed record HealthCheckAnswer(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, string?>? Data);
