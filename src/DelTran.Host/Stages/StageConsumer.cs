using DelTran.Core.Pipeline;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Stages;

/// <summary>
/// What the three stages share: load a batch in the state the stage expects (a redelivered or late batch
/// finds its transactions already moved on and skips them), move each with an event row, and ask for the
/// message's completion check when some became final.
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

    /// <summary>When transactions became final, asks for the message's completion check (a no-op while others are in flight).</summary>
    protected void CheckCompletion(Guid messageId, int finished)
    {
        if (finished > 0)
        {
            Send(new CompleteMessage(NewCommandId(), messageId));
        }
    }
}
