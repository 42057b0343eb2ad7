using DelTran.Core.Pipeline;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Stages;

/// <summary>
/// What the three stages share: load a batch in the state the stage expects (a redelivered or late batch
/// finds its transactions already moved on and skips them), move each with an event row, and count
/// transactions out of the message's pending total so the last one triggers the pacs.002.
/// </summary>
public abstract class StageConsumer<T>(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock)
    : PipelineConsumer<T>(db, dialect, signal, clock)
    where T : class, IPipelineCommand
{
    protected abstract string Stage { get; }

    protected async Task<List<TransactionRow>> LoadAsync(Guid[] ids, string expectedState, CancellationToken cancellationToken)
    {
        var rows = new List<TransactionRow>(ids.Length);
        foreach (Guid[] chunk in ids.Chunk(1000))
        {
            rows.AddRange(await Db.Transactions.Where(t => chunk.Contains(t.Id) && t.State == expectedState).ToListAsync(cancellationToken));
        }

        rows.Sort((a, b) => a.Index.CompareTo(b.Index));
        return rows;
    }

    protected void Move(TransactionRow row, string to, string? reasonCode = null, string? reasonText = null)
    {
        if (!TransactionState.CanMove(row.State, to))
        {
            throw new InvalidOperationException($"Transaction {row.Id} cannot move from {row.State} to {to}.");
        }

        DateTimeOffset now = Clock.GetUtcNow();
        Db.TransactionEvents.Add(new TransactionEventRow
        {
            TransactionId = row.Id,
            At = now,
            FromState = row.State,
            ToState = to,
            Stage = Stage,
            ReasonCode = reasonCode,
            Detail = reasonText,
        });
        row.State = to;
        row.ReasonCode = reasonCode ?? row.ReasonCode;
        row.ReasonText = reasonText ?? row.ReasonText;
        row.UpdatedAt = now;
    }

    /// <summary>Takes <paramref name="count"/> transactions out of the pending total; the one that reaches zero queues the pacs.002.</summary>
    protected async Task LeavePendingAsync(Guid messageId, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        // The UPDATE locks the message row until commit, so concurrent batches count down one after another.
        await Db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.PendingTransactions, m => m.PendingTransactions - count), cancellationToken);
        int pending = await Db.Messages.Where(m => m.Id == messageId).Select(m => m.PendingTransactions).FirstAsync(cancellationToken);
        if (pending == 0)
        {
            Send(new CompleteMessage(NewCommandId(), messageId));
        }
    }
}
