using System.Collections.Concurrent;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// Writes each sanctions list set's row once, committed on its own before the batches that name it. Written inside every
/// batch's transaction, it made the first batches of a large file queue on one another: an insert waits for any
/// uncommitted insert of the same key, so the second to fourth batches waited for the first to commit (seconds at the
/// start of each run, and of each list refresh). The row says which lists a set holds; writing it before a batch that
/// then fails leaves a set no screening names, which is harmless.
/// </summary>
public sealed class ScreeningListSetRecorder(Func<DelTranDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<string, bool> _recorded = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes sure the set's row exists before the caller's transaction refers to it. On PostgreSQL it is committed on a
    /// connection of its own; the embedded store has one writer at a time (the caller holds it), so there it is written
    /// in the caller's transaction.
    /// </summary>
    public async Task EnsureRecordedAsync(DelTranDbContext callerDb, IDatabaseDialect dialect, ScreeningSnapshot lists, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_recorded.ContainsKey(lists.Fingerprint))
        {
            return;
        }

        if (!dialect.IsPostgres)
        {
            await InsertAsync(callerDb, lists, now, cancellationToken);
            return;
        }

        await using (DelTranDbContext db = dbFactory())
        {
            await InsertAsync(db, lists, now, cancellationToken);
        }

        _recorded[lists.Fingerprint] = true;
    }

    private static Task<int> InsertAsync(DelTranDbContext db, ScreeningSnapshot lists, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO screening_list_sets (id, versions, first_used_at) VALUES ({lists.Fingerprint}, {lists.Description}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
}
