namespace DelTran.Host.Ingest;

public sealed record IngestResult(IngestOutcome Outcome, Guid FileId);
