namespace DelTran.Host.Ingest.Channels;

/// <summary>The channel names recorded on inbound files.</summary>
public static class DropChannels
{
    public const string Folder = "folder";

    public const string Sftp = "sftp";

    public static bool IsDropChannel(string channel) => channel is Folder or Sftp;
}
