using System.Collections.Concurrent;
using DelTran.Core.Iso20022;
using DelTran.Host.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// The drop folders of the enabled channels, one per participant and channel, shared by the pollers and the
/// pacs.002 delivery (so an SFTP participant has one connection). The watched folder serves every participant
/// of DelTran:Participants; SFTP serves those listed in its section that are participants.
/// </summary>
public sealed partial class DropFolderRegistry : IDisposable
{
    private readonly Dictionary<(string Channel, string Participant), IDropFolder> _folders = [];
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly ILogger<DropFolderRegistry> _logger;

    public DropFolderRegistry(IOptions<FolderChannelOptions> folder, IOptions<SftpChannelOptions> sftp, IOptions<DelTranOptions> delTran, ILogger<DropFolderRegistry> logger)
    {
        _logger = logger;
        FolderOptions = folder.Value;
        SftpOptions = sftp.Value;
        // The options refuse a participant's bad BIC at start: one that reaches here is a bug, never a folder left out.
        Participants = delTran.Value.Participants
            .Select(p => Bic.Parse(p.Bic).Institution)
            .ToHashSet(StringComparer.Ordinal);

        if (FolderOptions.Enabled)
        {
            string root = Path.GetFullPath(FolderOptions.Root);
            foreach (string bic in Participants.Order(StringComparer.Ordinal))
            {
                _folders[(DropChannels.Folder, bic)] = new LocalDropFolder(DropChannels.Folder, bic, Path.Combine(root, bic));
            }
        }

        if (SftpOptions.Enabled)
        {
            foreach (SftpParticipantOptions participant in SftpOptions.Participants)
            {
                string bic = Bic.Parse(participant.Bic).Institution;
                if (!Participants.Contains(bic))
                {
                    LogNotAParticipant(logger, DropChannels.Sftp, bic);
                    continue;
                }

                _folders[(DropChannels.Sftp, bic)] = new SftpDropFolder(SftpOptions, participant, bic);
            }
        }
    }

    public FolderChannelOptions FolderOptions { get; }

    public SftpChannelOptions SftpOptions { get; }

    /// <summary>BIC8 of every participant in DelTran:Participants.</summary>
    public IReadOnlySet<string> Participants { get; }

    public IReadOnlyList<IDropFolder> Folders(string channel) =>
        [.. _folders.Where(f => f.Key.Channel == channel).OrderBy(f => f.Key.Participant, StringComparer.Ordinal).Select(f => f.Value)];

    /// <summary>The participant's folder on the channel; null (logged once) when the channel does not serve it.</summary>
    public IDropFolder? Find(string channel, string participant)
    {
        if (_folders.TryGetValue((channel, participant), out IDropFolder? folder))
        {
            return folder;
        }

        NotConfigured(channel, participant);
        return null;
    }

    /// <summary>Logs, once per channel and name, that files of someone the channel does not serve are ignored.</summary>
    public void NotConfigured(string channel, string participant)
    {
        if (_reported.TryAdd(channel + ":" + participant, 0))
        {
            LogNotConfigured(_logger, channel, participant);
        }
    }

    public void Dispose()
    {
        foreach (IDisposable disposable in _folders.Values.OfType<IDisposable>())
        {
            disposable.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: {Participant} is not configured for this channel; its files are ignored")]
    private static partial void LogNotConfigured(ILogger logger, string channel, string participant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: {Participant} is listed for the channel but is not in DelTran:Participants; its files are ignored")]
    private static partial void LogNotAParticipant(ILogger logger, string channel, string participant);
}
