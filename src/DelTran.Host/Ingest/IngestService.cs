using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest.Channels;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Ingest;

/// <summary>
/// The one way in for every channel: stores a file's raw bytes with their SHA-256 and queues its
/// processing through the outbox, in one database transaction.
/// </summary>
public sealed partial class IngestService(
    Func<DelTranDbContext> dbFactory,
    IDatabaseDialect dialect,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<IngestService> logger)
{
    /// <summary>Participant placeholder for files an operator submits (the CLI): the sender is read from the message.</summary>
    public const string FromMessageContent = "*";

    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The answer of stored file <paramref name="fileId"/> (<see cref="FileAnswers"/>); null while it has none.</summary>
    public async Task<FileAnswer?> AnswerOfAsync(Guid fileId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = dbFactory();
        return await FileAnswers.ComposeAsync(db, dialect, fileId, cancellationToken);
    }

    /// <summary>Records a drop-folder file that repeated stored file <paramref name="firstFileId"/>, to be answered under its own name.</summary>
    public async Task RecordRepeatAsync(string participantBic, string channel, string name, Guid firstFileId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using DelTranDbContext db = dbFactory();
        db.RepeatFiles.Add(new RepeatFileRow
        {
            Id = Guid.CreateVersion7(now),
            FirstFileId = firstFileId,
            ParticipantBic = participantBic,
            Channel = channel,
            Name = name.Length > 255 ? name[..255] : name,
            ReceivedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A participant's repeats through one channel that have no answer yet, oldest first.</summary>
    public async Task<List<RepeatFileRow>> PendingRepeatsAsync(string participantBic, string channel, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = dbFactory();
        return await db.RepeatFiles.AsNoTracking()
            .Where(r => r.ParticipantBic == participantBic && r.Channel == channel && r.AnsweredAt == null)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task MarkRepeatAnsweredAsync(Guid repeatId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using DelTranDbContext db = dbFactory();
        await db.RepeatFiles.Where(r => r.Id == repeatId && r.AnsweredAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.AnsweredAt, at), cancellationToken);
    }

    public async Task<IngestResult> StoreAsync(string participantBic, string channel, string originalName, Stream content, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var fileId = Guid.CreateVersion7(now);
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using DelTranDbContext db = dbFactory();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        InboundFileRow file = NewFile(fileId, participantBic, channel, originalName, now);
        db.InboundFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);

        string sha256;
        try
        {
            (sha256, file.Size) = await RawFileStore.WriteChunksAsync(db, fileId, content, MaxFileBytes, cancellationToken);
        }
        catch (FileTooLargeException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new IngestResult(IngestOutcome.TooLarge, Guid.Empty);
        }

        if (await EarlierAsync(db, participantBic, sha256, cancellationToken) is Guid earlierId)
        {
            await transaction.RollbackAsync(cancellationToken);
            LogDuplicateFile(logger, participantBic, channel, earlierId);
            return new IngestResult(IngestOutcome.Duplicate, earlierId);
        }

        file.Sha256 = sha256;
        Outbox.Add(db, new ProcessInboundFile(Guid.CreateVersion7(now), fileId), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!DatabaseOutage.IsUnreachable(ex))
        {
            // Another instance stored the same bytes a moment ago: the unique key decided. (A lost connection is no
            // race; it reaches the caller, which retries or answers 503.)
            await transaction.RollbackAsync(cancellationToken);
            await using DelTranDbContext again = dbFactory();
            Guid winner = await EarlierAsync(again, participantBic, sha256, cancellationToken) ?? throw new InvalidOperationException($"The file {sha256} of {participantBic} lost a race to no stored file.");
            return new IngestResult(IngestOutcome.Duplicate, winner);
        }

        signal.Notify();
        LogStored(logger, fileId, participantBic, channel, file.Size, sha256);
        return new IngestResult(IngestOutcome.Stored, fileId);
    }

    // A participant's file is stored once: the same bytes again answer with the earlier file.
    private static Task<Guid?> EarlierAsync(DelTranDbContext db, string participantBic, string sha256, CancellationToken cancellationToken) =>
        db.InboundFiles.AsNoTracking().Where(f => f.ParticipantBic == participantBic && f.Sha256 == sha256).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(cancellationToken);

    // Stored while its bytes are written; its digest is known (and checked for a duplicate) only at the end.
    private static InboundFileRow NewFile(Guid fileId, string participantBic, string channel, string originalName, DateTimeOffset now) => new()
    {
        Id = fileId,
        ParticipantBic = participantBic,
        Channel = channel,
        OriginalName = originalName.Length > 255 ? originalName[..255] : originalName,
        Sha256 = "pending:" + fileId.ToString("N"),
        ReceivedAt = now,
        Status = InboundFileStatus.Stored,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored inbound file {FileId} from {Participant} via {Channel}: {Size} bytes, sha256 {Sha256}")]
    private static partial void LogStored(ILogger logger, Guid fileId, string participant, string channel, long size, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound file from {Participant} via {Channel} repeats stored file {FileId}; not processed again")]
    private static partial void LogDuplicateFile(ILogger logger, string participant, string channel, Guid fileId);
}
