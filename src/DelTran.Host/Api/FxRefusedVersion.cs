namespace DelTran.Host.Api;

/// <summary>The last version that was refused, and why.</summary>
public sealed record FxRefusedVersion(string Version, string Source, string? Reason);
