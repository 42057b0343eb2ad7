namespace DelTran.Host.Ingest.Channels;

/// <summary>What answers a file: its message's pacs.002, or the notice that it could not be read as a message.</summary>
public enum FileAnswerKind
{
    StatusReport,
    UnreadableNotice,
}
