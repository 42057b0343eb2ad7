using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// What PostgreSQL and SQLite do differently: bulk loading, row locks, and atomic registration.
/// PostgreSQL is production; SQLite is the embedded single-process default, where one write gate
/// serialises writers (SQLite has one writer at a time anyway) instead of row locks.
/// </summary>
public interface IDatabaseDialect
{
    bool IsPostgres { get; }

    /// <summary>Serialises write transactions where the database cannot lock rows (SQLite); a no-op on PostgreSQL.</summary>
    Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken);

    Task BulkInsertAsync(DelTranDbContext db, IReadOnlyList<TransactionRow> transactions, IReadOnlyList<TransactionEventRow> events, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the planner how many transactions there are after a bulk load of <paramref name="loadedRows"/>, in the
    /// loader's transaction, when the load is large beside what it was told before. Until then it plans the stages of
    /// the loaded message from the older count.
    /// </summary>
    Task CountLoadedTransactionsAsync(DelTranDbContext db, int loadedRows, CancellationToken cancellationToken);

    /// <summary>Undispatched outbox rows, locked for this dispatcher (other instances skip them).</summary>
    Task<List<OutboxRow>> ClaimOutboxAsync(DelTranDbContext db, int max, CancellationToken cancellationToken);

    /// <summary>Locks the inbound file row so only one consumer parses a file, whatever the redeliveries.</summary>
    Task<InboundFileRow?> LockInboundFileAsync(DelTranDbContext db, Guid fileId, CancellationToken cancellationToken);

    /// <summary>Locks the message row, so that of several completion checks of one message only one writes its pacs.002.</summary>
    Task<MessageRow?> LockMessageAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Whether any transaction of the message is still in a stage (committed states only).</summary>
    Task<bool> AnyInFlightAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Locks (creating if absent) the position rows, in key order so concurrent stages cannot deadlock.</summary>
    Task<List<PositionRow>> LockPositionsAsync(DelTranDbContext db, IEnumerable<PositionKey> keys, CancellationToken cancellationToken);

    /// <summary>Stores a message's pacs.002 from a stream of its UTF-8 bytes, in the caller's transaction.</summary>
    Task InsertStatusReportAsync(DelTranDbContext db, Guid messageId, string reportMsgId, Stream xml, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>
    /// A message's stored pacs.002 as a stream of its UTF-8 bytes, read from the database as the caller reads it (a report
    /// of any size is never whole in this process); null when none is stored. The stream holds the context's connection
    /// until it is disposed.
    /// </summary>
    Task<Stream?> OpenStatusReportAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Registers the UETRs of a message's VALIDATED transactions; returns those whose UETR was registered before
    /// by another transaction (the duplicates), and whether the earlier one had other content.
    /// </summary>
    Task<List<UetrDuplicate>> RegisterMessageUetrsAsync(DelTranDbContext db, Guid messageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves transactions that are still in <paramref name="fromState"/>, writes their event rows and any new
    /// obligations, all in the caller's transaction. Set-based: a stage batch costs a few statements, not one per row.
    /// </summary>
    Task ApplyTransitionsAsync(DelTranDbContext db, TransactionState fromState, IReadOnlyList<Transition> transitions, IReadOnlyList<ObligationRow> obligations, CancellationToken cancellationToken);

    /// <summary>Adds compliance's record of each screened transaction, the AML alerts, and the AML flows of those that passed, in the caller's transaction.</summary>
    Task InsertScreeningsAsync(DelTranDbContext db, IReadOnlyList<TransactionScreeningRow> screenings, IReadOnlyList<AmlFlowRow> flows, IReadOnlyList<AmlAlertRow> alerts, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="max"/> AML flows older than <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteAmlFlowsAsync(DelTranDbContext db, DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the window guard of these currencies in shared mode, for a transaction that accepts obligations: many
    /// may hold it at once, but never while a close of the currency holds it exclusively. Take it before any
    /// position lock (the close takes positions after the guard), so the two can never wait on each other.
    /// </summary>
    Task EnterWindowGuardSharedAsync(DelTranDbContext db, IEnumerable<string> currencies, CancellationToken cancellationToken);

    /// <summary>Takes the window guard of a currency exclusively, for a close: it waits for every transaction accepting obligations in it.</summary>
    Task EnterWindowGuardExclusiveAsync(DelTranDbContext db, string currency, CancellationToken cancellationToken);

    /// <summary>The database's clock (PostgreSQL's, so that instances with skewed clocks agree on acceptance order).</summary>
    Task<DateTimeOffset> NowAsync(DelTranDbContext db, CancellationToken cancellationToken);

    /// <summary>Locks every position row of a currency, in key order (the order stages lock in).</summary>
    Task LockCurrencyPositionsAsync(DelTranDbContext db, string currency, CancellationToken cancellationToken);

    /// <summary>Count and exact sum of a window's obligations, computed by the database apart from netting.</summary>
    Task<(long Count, decimal Sum)> WindowTotalsAsync(DelTranDbContext db, string windowId, CancellationToken cancellationToken);

    /// <summary>Takes a closed window's obligations out of the running positions of the open window.</summary>
    Task ReleaseWindowPositionsAsync(DelTranDbContext db, string windowId, Currency currency, CancellationToken cancellationToken);
}
