using System.Net.Sockets;
using System.Security.Cryptography;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Renci.SshNet.Common;

namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// Delivers a file's answer to the drop folder it came from, written under a hidden name and renamed: its message's
/// pacs.002 as outbound/&lt;name without .xml&gt;.pacs002.xml, or, for a file that could not be read as a message,
/// the notice outbound/&lt;name without .xml&gt;.error.txt (<see cref="FileAnswers"/>). When the whole message was rejected (RJCT) the original file moves
/// on from processed/ to rejected/. Files of other channels are not this consumer's business.
/// <para>
/// Idempotent: it records the command id in consumed_messages once delivered, and a redelivery finds it. The file
/// work happens outside any database transaction (no lock is held while a server is slow); a crash between the
/// delivery and the record makes the redelivery find the report already there, with the same bytes, and the
/// original already moved.
/// </para>
/// </summary>
public sealed partial class StatusReportDeliveryConsumer(
    DelTranDbContext db,
    IDatabaseDialect dialect,
    DropFolderRegistry registry,
    TimeProvider clock,
    ILogger<StatusReportDeliveryConsumer> logger) : IConsumer<StatusReportReady>
{
    private const string ConsumerName = nameof(StatusReportDeliveryConsumer);
    private const string RejectedGroupStatus = "RJCT";

    public async Task Consume(ConsumeContext<StatusReportReady> context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        StatusReportReady message = context.Message;
        if (await db.ConsumedMessages.AsNoTracking().AnyAsync(c => c.Consumer == ConsumerName && c.MessageId == message.CommandId, cancellationToken))
        {
            return;
        }

        InboundFileRow? file = await db.InboundFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == message.InboundFileId, cancellationToken);
        if (file is null || !DropChannels.IsDropChannel(file.Channel))
        {
            return;
        }

        IDropFolder? folder = registry.Find(file.Channel, file.ParticipantBic);
        if (folder is null)
        {
            return;
        }

        string? groupStatus = await db.Messages.AsNoTracking().Where(m => m.Id == message.MessageId).Select(m => m.GroupStatus).FirstOrDefaultAsync(cancellationToken);

        // The answer comes out of the database as a stream into a temporary file, and is written and compared from
        // there: memory does not grow with the report, and no database read stays open while a server is slow.
        await using FileAnswer? answer = await FileAnswers.ComposeAsync(db, dialect, file.Id, cancellationToken);
        if (answer is null)
        {
            LogNoReport(logger, message.MessageId, file.Id);
            return;
        }

        string report;
        string? rejected;
        try
        {
            report = await WriteAnswerAsync(folder, file, message.CommandId, answer, cancellationToken);
            rejected = groupStatus == RejectedGroupStatus ? await MoveToRejectedAsync(folder, file, cancellationToken) : null;
        }
        catch (Exception ex) when (ex is IOException or SshException or SocketException or TimeoutException or UnauthorizedAccessException
            && !cancellationToken.IsCancellationRequested)
        {
            // Retried with back-off until it gets through (ChannelRegistration): say why each time, or an outage is silent.
            LogNotDelivered(logger, folder.Channel, folder.Participant, file.OriginalName, context.GetRetryAttempt(), ex.Message);
            throw;
        }

        LogDelivered(logger, folder.Channel, folder.Participant, file.OriginalName, report, groupStatus, rejected);
        await RecordAsync(message.CommandId, cancellationToken);
    }

    /// <summary>Writes the answer under its name; a same-named file with other bytes (another file's answer) keeps its name.</summary>
    private static Task<string> WriteAnswerAsync(IDropFolder folder, InboundFileRow file, Guid commandId, FileAnswer answer, CancellationToken cancellationToken)
    {
        string name = answer.NameFor(file.OriginalName);
        return OutboundFiles.WriteAsync(folder, [name, DropNames.Suffixed(name, commandId.ToString("N"))], answer.Content, cancellationToken);
    }

    /// <summary>
    /// Finds the original in processed/ (under the name suffixed with its file id, or under its own name if the
    /// bytes are the same) and moves it to rejected/. Null when it is not (any more) in processed/.
    /// </summary>
    private async Task<string?> MoveToRejectedAsync(IDropFolder folder, InboundFileRow file, CancellationToken cancellationToken)
    {
        string suffixed = DropNames.Suffixed(file.OriginalName, file.Id.ToString("N"));
        string? source = null;
        if (await folder.GetAsync(DropArea.Processed, suffixed, cancellationToken) is not null)
        {
            source = suffixed;
        }
        else if (await folder.GetAsync(DropArea.Processed, file.OriginalName, cancellationToken) is { } same && same.Length == file.Size
            && string.Equals(await Sha256Async(folder, DropArea.Processed, file.OriginalName, cancellationToken), file.Sha256, StringComparison.Ordinal))
        {
            source = file.OriginalName;
        }

        if (source is null)
        {
            LogOriginalNotFound(logger, folder.Channel, folder.Participant, file.OriginalName, file.Id);
            return null;
        }

        foreach (string candidate in new[] { file.OriginalName, suffixed, DropNames.Suffixed(file.OriginalName, file.Id.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8]) })
        {
            switch (await folder.MoveAsync(DropArea.Processed, source, DropArea.Rejected, candidate, cancellationToken))
            {
                case MoveResult.Moved:
                    return candidate;
                case MoveResult.SourceMissing:
                    return null;
            }
        }

        throw new IOException($"Cannot move {source} to rejected/ in {folder.Location}: every name tried exists.");
    }

    private async Task RecordAsync(Guid commandId, CancellationToken cancellationToken)
    {
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        db.ConsumedMessages.Add(new ConsumedMessageRow { Consumer = ConsumerName, MessageId = commandId, ConsumedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent redelivery that recorded it first is fine: the files are the same either way.
            if (!await db.ConsumedMessages.AsNoTracking().AnyAsync(c => c.Consumer == ConsumerName && c.MessageId == commandId, cancellationToken))
            {
                throw;
            }
        }
    }

    private static async Task<string> Sha256Async(IDropFolder folder, DropArea area, string name, CancellationToken cancellationToken)
    {
        await using Stream stream = await folder.OpenReadAsync(area, name, cancellationToken);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} {Participant}: answer ({GroupStatus}) for {Name} written to outbound/{Report}; original moved to rejected/{Rejected}")]
    private static partial void LogDelivered(ILogger logger, string channel, string participant, string name, string report, string? groupStatus, string? rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: pacs.002 for {Name} could not be delivered (retry {Retry}); trying again with back-off: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string channel, string participant, string name, int retry, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of file {FileId} has no stored pacs.002; nothing delivered")]
    private static partial void LogNoReport(ILogger logger, Guid messageId, Guid fileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: {Name} (file {FileId}) is not in processed/ any more; not moved to rejected/")]
    private static partial void LogOriginalNotFound(ILogger logger, string channel, string participant, string name, Guid fileId);
}
