using DelTran.Host.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest.Channels;

/// <summary>The watched folder: Root/&lt;BIC8&gt;/{inbound,processed,rejected,outbound} on the local disk.</summary>
public sealed class FolderChannelService(
    IOptions<FolderChannelOptions> options,
    DropFolderRegistry registry,
    IngestService ingest,
    HealthState health,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<FolderChannelService> logger)
    : DropChannelService(DropChannels.Folder, options.Value, registry, ingest, health, clock, services, logger)
{
    /// <summary>Folders under Root that are not a participant's: their files are ignored, and that is said once.</summary>
    protected override async Task WatchAsync(CancellationToken stoppingToken)
    {
        string root = Path.GetFullPath(options.Value.Root);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (string directory in Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [])
                {
                    string name = Path.GetFileName(directory);
                    if (!name.StartsWith('.') && !Registry.Participants.Contains(name))
                    {
                        Registry.NotConfigured(DropChannels.Folder, name);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The participants' loops report an unreadable root; this check only informs.
            }

            await Task.Delay(Options.PollInterval * 10, Clock, stoppingToken);
        }
    }
}
