using DelTran.Host.Ingest.Channels;
namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// Puts each participant's settlement outputs of a window (its ACSC pacs.002s, camt.053 statements and their detail
/// files) into its outbound/ folder on every drop channel that serves it (the watched folder, SFTP), as
/// &lt;window&gt;.&lt;pacs002|camt053&gt;.&lt;file&gt;, each written under a hidden name and renamed like the pacs.002 of a
/// file. Never another participant's file. Runs before the window counts as reported, so a crash in between makes the
/// sweep report and deliver again: a file already there with the same bytes is left as it is, and a report written
/// again (other bytes, a later time) comes beside it, suffixed.
/// </summary>
public sealed partial class WindowReportDelivery(DropFolderRegistry registry, TimeProvider clock, ILogger<WindowReportDelivery> logger) : IWindowReportDelivery
{
    public async Task DeliverAsync(string windowId, string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(windowId);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        // Every file a participant owns: its XML reports and a statement's detail file beside them.
        foreach (string path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            if (WindowReportNames.OwnerOf(relative) is not string owner)
            {
                continue;
            }

            string name = $"{windowId}.{relative.Replace('/', '.')}";
            foreach (IDropFolder folder in new[] { DropChannels.Folder, DropChannels.Sftp }.SelectMany(registry.Folders).Where(f => f.Participant == owner))
            {
                await using FileStream content = File.OpenRead(path);
                string written = await WriteAsync(folder, name, content, cancellationToken);
                LogDelivered(logger, folder.Channel, owner, relative, written);
            }
        }
    }

    private Task<string> WriteAsync(IDropFolder folder, string name, FileStream content, CancellationToken cancellationToken)
    {
        string stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        return OutboundFiles.WriteAsync(folder, [name, DropNames.Suffixed(name, stamp)], content, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} {Participant}: {Report} delivered to outbound/{Name}")]
    private static partial void LogDelivered(ILogger logger, string channel, string participant, string report, string name);
}
