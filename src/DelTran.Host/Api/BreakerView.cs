namespace DelTran.Host.Api;

/// <summary>A circuit breaker of this instance: its subject, its state, and a suspension's reason.</summary>
public sealed record BreakerView(string Subject, string State, string? Suspension);
