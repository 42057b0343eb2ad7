using System.Threading.Channels;
using DelTran.Core.Iso20022;
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
    private const int LoadBlockSize = 5000;

    protected override async Task HandleAsync(ProcessInboundFile message, CancellationToken cancellationToken)
    {
        InboundFileRow? file = await Dialect.LockInboundFileAsync(Db, message.FileId, cancellationToken);
        if (file is null || file.Status != InboundFileStatus.Stored)
        {
            return;
        }

        DateTimeOffset now = Clock.GetUtcNow();
        var row = new MessageRow
        {
            Id = Guid.CreateVersion7(now),
            InboundFileId = file.Id,
            SenderBic = file.ParticipantBic,
            State = MessageState.Received,
            ReceivedAt = now,
        };
        Db.Messages.Add(row);
        await Db.SaveChangesAsync(cancellationToken);

        var sink = new LoadingSink(row.Id, now);
        MessageValidator validator = await validators.CreateAsync(cancellationToken);
        var registry = new MessageIdRegistry(dbFactory, row.Id);
        bool senderFromContent = file.ParticipantBic == IngestService.FromMessageContent;
        using var watchdog = new CancellationTokenSource(validators.WatchdogFor(file.Size), Clock);
        var context = new ValidationContext(DateOnly.FromDateTime(now.UtcDateTime), registry)
        {
            AuthenticatedSender = senderFromContent ? null : file.ParticipantBic,
            Watchdog = watchdog.Token,
        };

        Task<ValidationReport> validation = Task.Factory.StartNew(
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

    private sealed record LoadBlock(List<TransactionRow> Transactions, List<TransactionEventRow> Events);

    /// <summary>Turns judged transactions into rows and hands them over in blocks; runs on the validation thread.</summary>
    private sealed class LoadingSink(Guid messageId, DateTimeOffset now) : ITransactionSink
    {
        private readonly Channel<LoadBlock> _blocks = Channel.CreateBounded<LoadBlock>(2);
        private LoadBlock _current = new([], []);

        public ChannelReader<LoadBlock> Blocks => _blocks.Reader;

        /// <summary>The stage batches of the VALIDATED transactions (the transactions themselves are in the database).</summary>
        public StageBatcher Batcher { get; } = new(StageBatchSize);

        public void Accepted(CreditTransfer transfer)
        {
            TransactionRow row = TransactionRows.FromTransfer(transfer, messageId, now);
            Batcher.Add(row.Index, row.Currency!);
            Add(row, null, null);
        }

        public void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues)
        {
            TransactionRow row = TransactionRows.FromRejectedRecord(record, issues, messageId, now);
            Add(row, row.ReasonCode, row.ReasonText);
        }

        private void Add(TransactionRow row, string? code, string? text)
        {
            _current.Transactions.Add(row);
            _current.Events.Add(new TransactionEventRow { TransactionId = row.Id, At = now, ToState = TransactionState.Received, Stage = "ingest" });
            _current.Events.Add(new TransactionEventRow { TransactionId = row.Id, At = now, FromState = TransactionState.Received, ToState = row.State, Stage = "validation", ReasonCode = code, Detail = text });
            if (_current.Transactions.Count >= LoadBlockSize)
            {
                Flush();
            }
        }

        private void Flush()
        {
            if (_current.Transactions.Count == 0)
            {
                return;
            }

            // The validation thread waits here while the loader is two blocks behind: memory stays bounded.
            _blocks.Writer.WriteAsync(_current).AsTask().GetAwaiter().GetResult();
            _current = new LoadBlock([], []);
        }

        public void Complete()
        {
            try
            {
                Flush();
            }
            finally
            {
                _blocks.Writer.TryComplete();
            }
        }
    }

    /// <summary>
    /// AM05 against the database. Repeats within the file are the validator's own check; UETRs of earlier files are
    /// found when the loaded rows are registered in the database, so nothing else is remembered here.
    /// </summary>
    private sealed class MessageIdRegistry(Func<DelTranDbContext> dbFactory, Guid currentMessage) : IDuplicateRegistry
    {
        public bool RemembersTransactions => false;

        public bool IsKnownMessage(string sender, string messageId)
        {
            // Its own context: the consumer's is busy loading rows on another thread.
            using DelTranDbContext db = dbFactory();
            return db.Messages.AsNoTracking().Any(m => m.SenderBic == sender && m.MsgId == messageId && !m.DuplicateMsgId && m.Id != currentMessage);
        }

        public bool IsKnownUetr(Uetr uetr) => false;

        public bool IsKnownEndToEndId(string debtorAgentInstitution, string endToEndId) => false;

        public void RecordMessage(string sender, string messageId)
        {
        }

        public void RecordTransaction(Uetr? uetr, EndToEndKey endToEnd)
        {
        }
    }
}
