namespace DelTran.Host.Ingest.Channels;

public enum MoveResult
{
    Moved,

    /// <summary>The file is not there (any more): someone else moved it first.</summary>
    SourceMissing,

    /// <summary>A file of the target name exists; nothing was moved or overwritten.</summary>
    TargetExists,
}
