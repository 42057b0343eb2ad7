using DelTran.Core.Pipeline;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Ingest;

/// <summary>
/// Validates a stored inbound file and records every transaction: VALIDATED ones go on to the stages in
/// batches, rejected ones are final with their reason code. The validator runs on its own thread and
/// hands transactions over in blocks, which are bulk-loaded (binary COPY on PostgreSQL) as they come,
/// all inside the consumer's one database transaction.
/// </summary>
public sealed partial class ProcessInboundFileConsumer(
    DelTranDbContext db,
    IDatabaseDialect dialect,
    OutboxSignal signal,
    TimeProvider clock,
    MessageValidatorFactory validators,
    Func<DelTranDbContext> dbFactory,
    ILogger<ProcessInboundFileConsumer> logger)
    : PipelineConsumer<ProcessInboundFile>(db, dialect, signal, clock)
{
    public const int StageBatchSize = 2000;

    protected override async Task HandleAsync(ProcessInboundFile message, CancellationToken cancellationToken)
    {
        InboundFileRow? file = await Dialect.LockInboundFileAsync(Db, message.FileId, cancellationToken);
        if (file is null || file.Status != InboundFileStatus.Stored)
        {
            return;
        }

        DateTimeOffset now = Clock.GetUtcNow();
        MessageRow row = NewMessage(file, now);
        Db.Messages.Add(row);
        await Db.SaveChangesAsync(cancellationToken);

        var sink = new LoadingSink(row.Id, now, StageBatchSize);
        bool senderFromContent = file.ParticipantBic == IngestService.FromMessageContent;
        using var watchdog = new CancellationTokenSource(validators.WatchdogFor(file.Size), Clock);
        var context = new ValidationContext(DateOnly.FromDateTime(now.UtcDateTime), new MessageIdRegistry(dbFactory, row.Id))
        {
            AuthenticatedSender = senderFromContent ? null : file.ParticipantBic,
            Watchdog = watchdog.Token,
        };
        Task<ValidationReport> validation = ValidateAsync(await validators.CreateAsync(cancellationToken), file, context, sink, cancellationToken);

        int loaded = 0;
        await foreach (LoadBlock block in sink.Blocks.ReadAllAsync(cancellationToken))
        {
            await Dialect.BulkInsertAsync(Db, block.Transactions, block.Events, cancellationToken);
            loaded += block.Transactions.Count;
        }

        ValidationReport report = await validation;
        if (report.ExceededReadBudget)
        {
            LogOverBudget(logger, file.Id, file.ParticipantBic, file.Size);
        }

        await Dialect.CountLoadedTransactionsAsync(Db, loaded, cancellationToken);
        if (senderFromContent)
        {
            // A message with no valid sender BIC is always rejected (its agents fail the schema), so it needs no AM05 key.
            row.SenderBic = report.Sender ?? MessageRow.UnknownSender;
        }

        await FinishAsync(file, row, report, sink, now, cancellationToken);
    }

    private static MessageRow NewMessage(InboundFileRow file, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        InboundFileId = file.Id,
        SenderBic = file.ParticipantBic,
        State = MessageLifecycle.Received,
        ReceivedAt = now,
    };

    // The validator reads the stored file on its own thread and hands transactions to the sink, which this consumer loads as they come.
    private Task<ValidationReport> ValidateAsync(MessageValidator validator, InboundFileRow file, ValidationContext context, LoadingSink sink, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () =>
            {
                try
                {
                    using Stream stream = RawFileStore.OpenRead(dbFactory, file.Id, file.Size);
                    return validator.Validate(stream, context, sink);
                }
                finally
                {
                    sink.Complete();
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private async Task FinishAsync(InboundFileRow file, MessageRow row, ValidationReport report, LoadingSink sink, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A rejected message's transactions are all refused, so their UETRs are not registered.
        List<UetrDuplicate> duplicates = report.MessageRejected ? [] : await Dialect.RegisterMessageUetrsAsync(Db, row.Id, now, cancellationToken);
        MessageAdmissionDecision decision = MessageAdmission.Decide(new IngestedMessage(
            report.Issues, report.MessageRejected, sink.Batcher.Count, [.. duplicates.Select(d => new UetrAlreadyReceived(d.TransactionId, d.Uetr, d.Conflicting))]));

        row.MsgId = report.MessageId;
        row.MessageType = report.Definition?.Identifier;
        row.CreationDateTime = report.GroupHeader?.CreationDateTime;
        row.TransactionCount = report.TransactionCount;
        row.DuplicateMsgId = decision.DuplicateMsgId;
        row.RejectReasons = decision.RejectReasons;
        row.State = decision.State;
        file.Status = InboundFileStatus.Parsed;
        file.MessageId = row.Id;
        foreach (IngestRejection rejection in decision.Rejections)
        {
            IReadOnlyCollection<Guid> ids = rejection.EveryStillValidated ? await StillValidatedAsync(row.Id, cancellationToken) : rejection.TransactionIds;
            await RejectAsync(ids, rejection.Code, rejection.Text, rejection.Stage, now, cancellationToken);
        }

        foreach (UetrAlreadyReceived suspicious in decision.SuspiciousUetrs)
        {
            LogSuspiciousUetr(logger, suspicious.Uetr, suspicious.TransactionId);
        }

        // The batches were cut before the duplicates were found; those are no longer VALIDATED, so the stages skip them.
        IEnumerable<IPipelineCommand> commands = decision.NextCommand == IngestNextCommand.ScreenEachStageBatch
            ? sink.Batcher.Batches().Select(batch => new ScreenTransactions(NewCommandId(), row.Id, [], batch))
            : [new CompleteMessage(NewCommandId(), row.Id)];
        foreach (IPipelineCommand command in commands)
        {
            Send(command);
        }

        LogFileProcessed(logger, file.Id, row.Id, report.TransactionCount, decision.TransactionsToStages);
    }

    private Task<List<Guid>> StillValidatedAsync(Guid messageId, CancellationToken cancellationToken) =>
        Db.Transactions.AsNoTracking()
            .Where(t => t.MessageId == messageId && t.State == TransactionState.Validated)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);

    private async Task RejectAsync(IReadOnlyCollection<Guid> ids, string code, string text, string stage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (Guid[] chunk in ids.Chunk(1000))
        {
            await Db.Transactions.Where(t => chunk.Contains(t.Id) && t.State == TransactionState.Validated).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, TransactionState.Rejected)
                    .SetProperty(t => t.ReasonCode, code)
                    .SetProperty(t => t.ReasonText, text)
                    .SetProperty(t => t.UpdatedAt, now),
                cancellationToken);
            Db.TransactionEvents.AddRange(chunk.Select(id => new TransactionEventRow
            {
                TransactionId = id,
                At = now,
                FromState = TransactionState.Validated,
                ToState = TransactionState.Rejected,
                Stage = stage,
                ReasonCode = code,
                Detail = text,
            }));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound file {FileId} parsed as message {MessageId}: {Transactions} transactions, {Validated} to the stages")]
    private static partial void LogFileProcessed(ILogger logger, Guid fileId, Guid messageId, int transactions, int validated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound file {FileId} from {Participant} ({Bytes} bytes) refused FF01: reading it exceeded the work budget or the watchdog; the service goes on with the next file")]
    private static partial void LogOverBudget(ILogger logger, Guid fileId, string participant, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suspicious: UETR {Uetr} already received with different content; transaction {TransactionId} rejected DUPL")]
    private static partial void LogSuspiciousUetr(ILogger logger, Guid uetr, Guid transactionId);
}
