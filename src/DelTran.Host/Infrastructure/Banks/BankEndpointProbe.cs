namespace DelTran.Host.Infrastructure.Banks;

/// <summary>A bank endpoint's answer to /health.</summary>
public sealed record BankEndpointProbe(Uri Endpoint, bool Healthy, string? Problem);
