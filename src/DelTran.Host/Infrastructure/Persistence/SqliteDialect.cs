using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Infrastructure.Persistence;

public sealed class SqliteDialect(TimeProvider clock) : IDatabaseDialect, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public void Dispose() => _writer.Dispose();

    public bool IsPostgres => false;

    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Release(_writer);
    }

    // SQLite plans from sqlite_stat1 only once ANALYZE has run, and DelTran never runs it: nothing to go stale.
    public Task CountLoadedTransactionsAsync(DelTranDbContext db, int loadedRows, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task BulkInsertAsync(DelTranDbContext db, IReadOnlyList<TransactionRow> transactions, IReadOnlyList<TransactionEventRow> events, CancellationToken cancellationToken)
    {
        db.Transactions.AddRange(transactions);
        db.TransactionEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);

        // Forget only what was loaded here (memory stays flat); the caller still tracks its own rows.
        foreach (TransactionRow row in transactions)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        foreach (TransactionEventRow row in events)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    public Task<List<OutboxRow>> ClaimOutboxAsync(DelTranDbContext db, int max, CancellationToken cancellationToken) =>
        db.Outbox.Where(o => o.DispatchedAt == null).OrderBy(o => o.Id).Take(max).ToListAsync(cancellationToken);

    public Task<int> DeleteAmlFlowsAsync(DelTranDbContext db, DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        // Stored as text with their offset: julianday() compares instants, whatever the offset written.
        db.Database.ExecuteSqlAsync(
            $"DELETE FROM aml_flows WHERE transaction_id IN (SELECT transaction_id FROM aml_flows WHERE julianday(at) < julianday({before.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)}) LIMIT {max})",
            cancellationToken);

    public Task InsertScreeningsAsync(DelTranDbContext db, IReadOnlyList<TransactionScreeningRow> screenings, IReadOnlyList<AmlFlowRow> flows, IReadOnlyList<AmlAlertRow> alerts, CancellationToken cancellationToken)
    {
        // Saved with the consumer's other changes.
        db.TransactionScreenings.AddRange(screenings);
        db.AmlFlows.AddRange(flows);
        db.AmlAlerts.AddRange(alerts);
        return Task.CompletedTask;
    }

    public Task<InboundFileRow?> LockInboundFileAsync(DelTranDbContext db, Guid fileId, CancellationToken cancellationToken) =>
        db.InboundFiles.FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);

    public Task<bool> AnyInFlightAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Transactions.AnyAsync(t => t.MessageId == messageId && TransactionStates.InStages.Contains(t.State), cancellationToken);

    // The write gate already serialises every consumer's transaction.
    public Task<MessageRow?> LockMessageAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);

    public async Task<List<PositionRow>> LockPositionsAsync(DelTranDbContext db, IEnumerable<PositionKey> keys, CancellationToken cancellationToken)
    {
        var rows = new List<PositionRow>();
        foreach ((string participant, Currency currency) in keys.Distinct().OrderBy(k => k.Participant, StringComparer.Ordinal).ThenBy(k => k.Currency.Code, StringComparer.Ordinal).Select(k => (k.Participant, k.Currency)))
        {
            PositionRow? row = await db.Positions.FirstOrDefaultAsync(p => p.ParticipantBic == participant && p.Currency == currency, cancellationToken);
            if (row is null)
            {
                row = new PositionRow { ParticipantBic = participant, Currency = currency };
                db.Positions.Add(row);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task InsertStatusReportAsync(DelTranDbContext db, Guid messageId, string reportMsgId, Stream xml, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        if (!xml.CanSeek)
        {
            using var reader = new StreamReader(xml, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            db.StatusReports.Add(new StatusReportRow { MessageId = messageId, ReportMsgId = reportMsgId, Xml = await reader.ReadToEndAsync(cancellationToken), CreatedAt = createdAt });
            return;
        }

        // The row is made with room for the bytes (a zeroblob, which SQLite never allocates whole), and the bytes are
        // then written into it in place by incremental blob I/O: the report is never one string here. SQLite hands a
        // BLOB in a TEXT column back as text, so readers see the same report either way.
        long length = xml.Length - xml.Position;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO status_reports (message_id, report_msg_id, xml, created_at) VALUES ({messageId}, {reportMsgId}, zeroblob({length}), {createdAt})",
            cancellationToken);
        long rowid = (await db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM status_reports WHERE message_id = {messageId}").ToListAsync(cancellationToken))[0];
        await using var blob = new Microsoft.Data.Sqlite.SqliteBlob((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), "status_reports", "xml", rowid, readOnly: false);
        await xml.CopyToAsync(blob, cancellationToken);
    }

    public async Task<Stream?> OpenStatusReportAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken)
    {
        // SQLite's incremental blob I/O reads the stored text in place, a buffer at a time.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            List<long> rowids = await db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM status_reports WHERE message_id = {messageId}").ToListAsync(cancellationToken);
            if (rowids.Count > 0)
            {
                var blob = new Microsoft.Data.Sqlite.SqliteBlob((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), "status_reports", "xml", rowids[0], readOnly: true);
                return new OwningReadStream(blob, () => new ValueTask(db.Database.CloseConnectionAsync()));
            }
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }

        await db.Database.CloseConnectionAsync();
        return null;
    }

    public async Task<List<UetrDuplicate>> RegisterMessageUetrsAsync(DelTranDbContext db, Guid messageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = await db.Transactions.AsNoTracking()
            .Where(t => t.MessageId == messageId && t.State == Core.Pipeline.TransactionState.Validated && t.Uetr != null)
            .Select(t => new UetrRegistryRow { Uetr = t.Uetr!.Value.Value, TransactionId = t.Id, ContentHash = t.ContentHash!, RegisteredAt = at })
            .ToListAsync(cancellationToken);
        var earlier = new Dictionary<Guid, string>();
        foreach (UetrRegistryRow[] chunk in rows.Chunk(500))
        {
            Guid[] uetrs = [.. chunk.Select(r => r.Uetr)];
            foreach (var known in await db.UetrRegistry.AsNoTracking().Where(u => uetrs.Contains(u.Uetr)).Select(u => new { u.Uetr, u.ContentHash }).ToListAsync(cancellationToken))
            {
                earlier[known.Uetr] = known.ContentHash;
            }
        }

        db.UetrRegistry.AddRange(rows.Where(r => !earlier.ContainsKey(r.Uetr)));
        return [.. rows.Where(r => earlier.ContainsKey(r.Uetr)).Select(r => new UetrDuplicate { TransactionId = r.TransactionId, Uetr = r.Uetr, Conflicting = earlier[r.Uetr] != r.ContentHash })];
    }

    public async Task ApplyTransitionsAsync(DelTranDbContext db, TransactionState fromState, IReadOnlyList<Transition> transitions, IReadOnlyList<ObligationRow> obligations, CancellationToken cancellationToken)
    {
        var byId = transitions.ToDictionary(t => t.TransactionId);
        foreach (Guid[] chunk in byId.Keys.Chunk(500))
        {
            foreach (TransactionRow row in await db.Transactions.Where(t => chunk.Contains(t.Id) && t.State == fromState).ToListAsync(cancellationToken))
            {
                Transition t = byId[row.Id];
                row.State = t.ToState;
                row.ReasonCode = t.ReasonCode ?? row.ReasonCode;
                row.ReasonText = t.ReasonText ?? row.ReasonText;
                row.UpdatedAt = t.At;
            }
        }

        db.TransactionEvents.AddRange(transitions.Select(t => new TransactionEventRow
        {
            TransactionId = t.TransactionId,
            At = t.At,
            FromState = fromState,
            ToState = t.ToState,
            Stage = t.Stage,
            ReasonCode = t.ReasonCode,
            Detail = t.ReasonText,
        }));
        db.Obligations.AddRange(obligations);
        await db.SaveChangesAsync(cancellationToken);
    }

    // SQLite: every write transaction already holds the one write gate, so the window guard is that gate.
    public Task EnterWindowGuardSharedAsync(DelTranDbContext db, IEnumerable<string> currencies, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EnterWindowGuardExclusiveAsync(DelTranDbContext db, string currency, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DateTimeOffset> NowAsync(DelTranDbContext db, CancellationToken cancellationToken) => Task.FromResult(clock.GetUtcNow());

    public Task LockCurrencyPositionsAsync(DelTranDbContext db, string currency, CancellationToken cancellationToken) => Task.CompletedTask;

    // SQLite keeps decimals as text and would sum them as floating point: add them up here instead.
    public async Task<(long Count, decimal Sum)> WindowTotalsAsync(DelTranDbContext db, string windowId, CancellationToken cancellationToken)
    {
        long count = 0;
        decimal sum = 0m;
        await foreach (decimal amount in db.Obligations.AsNoTracking().Where(o => o.WindowId == windowId).Select(o => o.Amount).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            sum += amount;
        }

        return (count, sum);
    }

    public async Task ReleaseWindowPositionsAsync(DelTranDbContext db, string windowId, Currency currency, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var o in db.Obligations.AsNoTracking().Where(o => o.WindowId == windowId)
            .Select(o => new { o.DebtorBic, o.CreditorBic, o.Amount }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            deltas[o.DebtorBic.Value] = deltas.GetValueOrDefault(o.DebtorBic.Value) - o.Amount;
            deltas[o.CreditorBic.Value] = deltas.GetValueOrDefault(o.CreditorBic.Value) + o.Amount;
        }

        foreach (PositionRow position in await db.Positions.Where(p => p.Currency == currency).ToListAsync(cancellationToken))
        {
            position.NetPosition -= deltas.GetValueOrDefault(position.ParticipantBic);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
