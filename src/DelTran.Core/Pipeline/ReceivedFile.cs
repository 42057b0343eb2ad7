namespace DelTran.Core.Pipeline;

/// <summary>A file as it was received, for the notice that it could not be read.</summary>
public sealed record ReceivedFile(string Name, long Size, string Sha256, DateTimeOffset ReceivedAt);
