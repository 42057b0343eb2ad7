namespace DelTran.Host.Api;

/// <summary>A list version of the set that screened a transaction.</summary>
public sealed record TrailListVersion(string Source, string? List, string? Published, string? Sha256);
