namespace DelTran.Host.Ingest.Channels;

/// <summary>What became of a file the poller took from inbound/.</summary>
/// <param name="Name">Its name in inbound/.</param>
/// <param name="Outcome">What the ingest said.</param>
/// <param name="FileId">The stored file (the earlier one for a duplicate); empty when too large.</param>
/// <param name="MovedTo">Its name in processed/ or rejected/; null when its claim was taken away meanwhile.</param>
public sealed record TakenFile(string Name, IngestOutcome Outcome, Guid FileId, string? MovedTo);
