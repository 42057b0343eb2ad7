using DelTran.Host.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest.Channels;

/// <summary>The SFTP channel: each configured participant's folders on the SFTP server.</summary>
public sealed class SftpChannelService(
    IOptions<SftpChannelOptions> options,
    DropFolderRegistry registry,
    IngestService ingest,
    HealthState health,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<SftpChannelService> logger)
    : DropChannelService(DropChannels.Sftp, options.Value, registry, ingest, health, clock, services, logger);
