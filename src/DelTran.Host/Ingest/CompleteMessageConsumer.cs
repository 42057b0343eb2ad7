using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest;

/// <summary>Writes a message's one pacs.002 once none of its transactions is in a stage any more.</summary>
public sealed class CompleteMessageConsumer(
    DelTranDbContext db,
    IDatabaseDialect dialect,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<DelTranOptions> options)
    : PipelineConsumer<CompleteMessage>(db, dialect, signal, clock)
{
    /// <summary>Indexes per read of a report's entries (a message with more transactions is read in several pages).</summary>
    public const int ReportPageSize = 5000;

    protected override async Task HandleAsync(CompleteMessage message, CancellationToken cancellationToken)
    {
        MessageRow? seen = await Db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == message.MessageId, cancellationToken);
        if (seen is null || seen.State == MessageLifecycle.Completed)
        {
            return;
        }

        // Only committed states are seen: a stage still working on a batch keeps it in flight here, and its own
        // completion check, sent through the outbox after its commit, comes later.
        if (await Dialect.AnyInFlightAsync(Db, seen.Id, cancellationToken))
        {
            return;
        }

        // Nothing is in flight any more, and the last batches each ask for this check: the message row is locked, so that
        // one of them writes the report and the others find it completed. Without the lock each composed the whole
        // report, for all but one to lose on the key (five times over at 300k). Locked only now, so the many checks
        // while batches are still in flight never queue on the row.
        MessageRow? row = await Dialect.LockMessageAsync(Db, message.MessageId, cancellationToken);
        if (row is null || row.State == MessageLifecycle.Completed)
        {
            return;
        }

        // The group status needs only which states occur; the entries are then read in pages, in index order, and
        // written into a temporary file, and from there into the database: memory does not grow with the message.
        List<TransactionState> states = await Db.Transactions.Where(t => t.MessageId == row.Id).Select(t => t.State).Distinct().ToListAsync(cancellationToken);
        DateTimeOffset now = Clock.GetUtcNow();
        IEnumerable<TransactionRow> transactions = ReportRows(row.Id);
        StatusReport report = StatusReports.Compose(row, states.Select(PipelineStatus.ForTransaction), transactions, Bic.Parse(options.Value.OwnBic), now);

        await using var buffer = new FileStream(
            Path.Combine(Path.GetTempPath(), "deltran-pacs002-" + Guid.NewGuid().ToString("N") + ".xml"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            1 << 16,
            FileOptions.DeleteOnClose);

        // The writer pulls the entries synchronously, a page at a time.
        StatusReportWriter.Write(buffer, report, cancellationToken);
        buffer.Position = 0;
        await Dialect.InsertStatusReportAsync(Db, row.Id, report.MessageId, buffer, now, cancellationToken);

        row.State = MessageLifecycle.Completed;
        row.GroupStatus = report.GroupStatus.ToIsoCode();
        row.CompletedAt = now;
        Send(new StatusReportReady(NewCommandId(), row.Id, row.InboundFileId));
    }

    // Pages of consecutive indexes along the (message_id, index) index. One query for all rows is planned as a
    // sequential scan and a sort of the whole message (18 s before the first row for 300k transactions on the bench
    // machine). "The next page after the last index" was no better on a table whose statistics were taken while it was
    // nearly empty: each page was planned as a bitmap scan of every remaining row of the message and a top-N sort, so
    // the report grew with the square of the message (350 ms a page at 300k). A bounded range caps each page's work
    // whatever the plan; a gap in the indexes only makes a page shorter.
    private IEnumerable<TransactionRow> ReportRows(Guid messageId)
    {
        IQueryable<TransactionRow> message = Db.Transactions.AsNoTracking().Where(t => t.MessageId == messageId);
        int? first = message.Min(t => (int?)t.Index);
        int? last = message.Max(t => (int?)t.Index);
        if (first is null || last is null)
        {
            yield break;
        }

        for (long from = first.Value; from <= last.Value; from += ReportPageSize)
        {
            int low = (int)from;
            int high = (int)Math.Min(from + ReportPageSize - 1, last.Value);
            List<TransactionRow> page = [.. message
                .Where(t => t.Index >= low && t.Index <= high)
                .OrderBy(t => t.Index)
                .Select(t => new TransactionRow
                {
                    Index = t.Index,
                    InstructionId = t.InstructionId,
                    EndToEndId = t.EndToEndId,
                    TransactionId = t.TransactionId,
                    Uetr = t.Uetr,
                    DebtorAgent = t.DebtorAgent,
                    CreditorAgent = t.CreditorAgent,
                    Amount = t.Amount,
                    Currency = t.Currency,
                    SettlementDate = t.SettlementDate,
                    State = t.State,
                    ReasonCode = t.ReasonCode,
                    ReasonText = t.ReasonText,
                })];
            foreach (TransactionRow transaction in page)
            {
                yield return transaction;
            }
        }
    }
}
