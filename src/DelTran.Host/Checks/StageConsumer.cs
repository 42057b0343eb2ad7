using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Checks;

/// <summary>
/// What the three stages share: load a batch in the state the stage expects (a redelivered or late batch
/// finds its transactions already moved on and skips them), move each with an event row, and ask for the
/// message's completion check when some became final.
/// </summary>
public abstract class StageConsumer<T>(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock)
    : PipelineConsumer<T>(db, dialect, signal, clock)
    where T : class, IPipelineCommand
{
    private readonly List<Transition> _transitions = [];
    private readonly List<ObligationRow> _obligations = [];

    protected abstract string Stage { get; }

    /// <summary>The state this stage takes transactions from.</summary>
    protected abstract TransactionState FromState { get; }

    protected override async Task HandleAsync(T message, CancellationToken cancellationToken)
    {
        _transitions.Clear();
        _obligations.Clear();
        await DecideAsync(message, cancellationToken);

        // The guard on the from-state makes a late or repeated batch harmless even without the command record.
        await Dialect.ApplyTransitionsAsync(Db, FromState, _transitions, _obligations, cancellationToken);
    }

    protected abstract Task DecideAsync(T message, CancellationToken cancellationToken);

    protected void AddObligation(ObligationRow obligation) => _obligations.Add(obligation);

    protected Task<List<TransactionRow>> LoadAsync(Guid[] ids, TransactionState expectedState, CancellationToken cancellationToken) =>
        InIndexOrderAsync(Batch(ids, expectedState), cancellationToken);

    /// <summary>
    /// A batch named by its range (<see cref="TransactionRange"/>), in index order. The state test is written "(…) IS TRUE"
    /// so that it cannot be an index condition: read by the embedded store's (message_id, state) index it would visit
    /// every transaction of the message in that state for each batch, instead of the few thousand rows of its range.
    /// </summary>
    protected Task<List<TransactionRow>> LoadRangeAsync(Guid messageId, TransactionRange range, TransactionState expectedState, CancellationToken cancellationToken) =>
        InIndexOrderAsync(
            Db.Transactions.FromSql(
                $"""
                SELECT * FROM transactions
                WHERE message_id = {messageId} AND "index" BETWEEN {range.FirstIndex} AND {range.LastIndex} AND currency = {range.Currency} AND (state = {TransactionStates.Code(expectedState)}) IS TRUE
                """).AsNoTracking(),
            cancellationToken);

    /// <summary>
    /// As <see cref="LoadAsync"/>, with only what the position stages use: agents, amounts, FX and settlement fields.
    /// Names, the screening subject and reason texts stay in the database (most of a row's bytes).
    /// </summary>
    protected Task<List<TransactionRow>> LoadForPositionsAsync(Guid[] ids, TransactionState expectedState, CancellationToken cancellationToken) =>
        InIndexOrderAsync(
            Batch(ids, expectedState).Select(t => new TransactionRow
            {
                Id = t.Id,
                MessageId = t.MessageId,
                Index = t.Index,
                EndToEndId = t.EndToEndId,
                Uetr = t.Uetr,
                DebtorAgent = t.DebtorAgent,
                CreditorAgent = t.CreditorAgent,
                Amount = t.Amount,
                Currency = t.Currency,
                InstructedAmount = t.InstructedAmount,
                InstructedCurrency = t.InstructedCurrency,
                ExchangeRate = t.ExchangeRate,
                SettlementDate = t.SettlementDate,
                State = t.State,
                UpdatedAt = t.UpdatedAt,
            }),
            cancellationToken);

    // One round trip: the ids travel as one array parameter (= ANY) on PostgreSQL, whatever the batch size.
    private IQueryable<TransactionRow> Batch(Guid[] ids, TransactionState expectedState) =>
        Db.Transactions.AsNoTracking().Where(t => ids.Contains(t.Id) && t.State == expectedState);

    private static async Task<List<TransactionRow>> InIndexOrderAsync(IQueryable<TransactionRow> query, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await query.ToListAsync(cancellationToken);
        rows.Sort((a, b) => a.Index.CompareTo(b.Index));
        return rows;
    }

    protected void Move(TransactionRow row, TransactionState to, string? reasonCode = null, string? reasonText = null)
    {
        if (!TransactionStates.CanMove(row.State, to))
        {
            throw new InvalidOperationException($"Transaction {row.Id} cannot move from {TransactionStates.Code(row.State)} to {TransactionStates.Code(to)}.");
        }

        _transitions.Add(new Transition(row.Id, to, reasonCode, reasonText, Stage, Clock.GetUtcNow()));
        row.State = to;
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
