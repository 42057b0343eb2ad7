namespace DelTran.Host.Ingest.Channels;

/// <summary>A regular file in a drop folder, as listed.</summary>
public sealed record DropFile(string Name, long Length, DateTimeOffset LastWriteUtc);
