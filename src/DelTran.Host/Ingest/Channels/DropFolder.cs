namespace DelTran.Host.Ingest.Channels;

/// <summary>The four folders of a participant's drop folder.</summary>
public enum DropArea
{
    Inbound,
    Processed,
    Rejected,
    Outbound,
}
