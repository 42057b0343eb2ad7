namespace DelTran.Host.Ingest.Channels;

/// <summary>One look at a folder: the files taken, and the error that stopped it when a file could not be stored.</summary>
public sealed record PollResult(IReadOnlyList<TakenFile> Taken, Exception? StoreFailure);
