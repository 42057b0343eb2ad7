namespace DelTran.Host.Ingest;

public enum IngestOutcome
{
    /// <summary>The bytes are durably stored; processing is queued. Only now may the channel acknowledge.</summary>
    Stored,

    /// <summary>The same bytes came from this participant before; nothing new is queued.</summary>
    Duplicate,

    TooLarge,
}
