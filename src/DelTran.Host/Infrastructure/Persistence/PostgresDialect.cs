using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DelTran.Host.Infrastructure.Persistence;

public sealed class PostgresDialect : IDatabaseDialect
{
    public bool IsPostgres => true;

    public Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken) => Task.FromResult<IDisposable>(NoLock.Instance);

    /// <summary>Below this many rows a plan over the whole loaded table is still cheap, and the load is not worth a sample.</summary>
    public const int LoadWorthCounting = 10_000;

    public async Task CountLoadedTransactionsAsync(DelTranDbContext db, int loadedRows, CancellationToken cancellationToken)
    {
        if (loadedRows < LoadWorthCounting)
        {
            return;
        }

        // reltuples is what the planner believes (-1: never counted). A tenth, as autovacuum's own analyse threshold.
        double believed = await db.Database
            .SqlQuery<double>($"SELECT reltuples::float8 AS \"Value\" FROM pg_class WHERE oid = 'transactions'::regclass")
            .SingleAsync(cancellationToken);
        if (believed >= 0 && loadedRows < believed / 10)
        {
            return;
        }

        // An ANALYZE by autovacuum while this load is uncommitted counts none of its rows: the planner is then told the
        // table is empty however many pages it has, and plans each stage move as a scan of the whole table (25 s of
        // stages instead of 10 at 100k, docs/adr/0004, seventh round). ANALYZE in the loader's own transaction counts its
        // rows, and holds off autovacuum's until the commit. The count is the point, not the columns' statistics: one
        // column, with a sample of 3,000 rows (timed by hand at 100k: 10 ms, against 300 ms for a full ANALYZE).
        await db.Database.ExecuteSqlRawAsync("SET LOCAL default_statistics_target = 10; ANALYZE transactions (id)", cancellationToken);
    }

    public async Task BulkInsertAsync(DelTranDbContext db, IReadOnlyList<TransactionRow> transactions, IReadOnlyList<TransactionEventRow> events, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY transactions (id, message_id, index, instruction_id, end_to_end_id, transaction_id, uetr, content_hash, debtor_agent, creditor_agent, amount, currency, instructed_amount, instructed_currency, exchange_rate, settlement_date, debtor_name, creditor_name, ultimate_debtor_name, ultimate_creditor_name, screening_subject, state, reason_code, reason_text, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (TransactionRow t in transactions)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(t.MessageId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(t.Index, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullable(copy, t.InstructionId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.EndToEndId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.TransactionId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.Uetr?.Value, NpgsqlDbType.Uuid, cancellationToken);
                await WriteNullable(copy, t.ContentHash, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.DebtorAgent, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.CreditorAgent, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.Amount, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullable(copy, t.Currency, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.InstructedAmount, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullable(copy, t.InstructedCurrency, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.ExchangeRate, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullable(copy, t.SettlementDate, NpgsqlDbType.Date, cancellationToken);
                await WriteNullable(copy, t.DebtorName, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.CreditorName, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.UltimateDebtorName, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.UltimateCreditorName, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.ScreeningSubject, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(TransactionStates.Code(t.State), NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.ReasonCode, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, t.ReasonText, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(t.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY transaction_events (transaction_id, at, from_state, to_state, stage, reason_code, detail) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (TransactionEventRow e in events)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(e.TransactionId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(e.At, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullable(copy, e.FromState is { } from ? TransactionStates.Code(from) : null, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(TransactionStates.Code(e.ToState), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.Stage, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, e.ReasonCode, NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, e.Detail, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    public Task<List<OutboxRow>> ClaimOutboxAsync(DelTranDbContext db, int max, CancellationToken cancellationToken) =>
        db.Outbox.FromSql($"SELECT * FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT {max} FOR UPDATE SKIP LOCKED").ToListAsync(cancellationToken);

    public Task<InboundFileRow?> LockInboundFileAsync(DelTranDbContext db, Guid fileId, CancellationToken cancellationToken) =>
        db.InboundFiles.FromSql($"SELECT * FROM inbound_files WHERE id = {fileId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);

    public Task<bool> AnyInFlightAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Transactions.AnyAsync(t => t.MessageId == messageId && EF.Property<bool>(t, PostgresDelTranDbContext.InFlight), cancellationToken);

    public Task<MessageRow?> LockMessageAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Messages.FromSql($"SELECT * FROM messages WHERE id = {messageId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);

    public async Task<List<PositionRow>> LockPositionsAsync(DelTranDbContext db, IEnumerable<PositionKey> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct().OrderBy(k => k.Participant, StringComparer.Ordinal).ThenBy(k => k.Currency.Code, StringComparer.Ordinal).ToList();
        string[] participants = [.. ordered.Select(k => k.Participant)];
        string[] currencies = [.. ordered.Select(k => k.Currency.Code)];

        // Positions almost always exist already: lock them in one statement, and create only when some are missing.
        List<PositionRow> rows = await LockExistingPositionsAsync(db, participants, currencies, cancellationToken);
        if (rows.Count == ordered.Count)
        {
            return rows;
        }

        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO positions (participant_bic, currency, net_position) SELECT p, c, 0 FROM unnest({participants}, {currencies}) AS k(p, c) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await LockExistingPositionsAsync(db, participants, currencies, cancellationToken);
    }

    /// <summary>
    /// For the rest of the caller's transaction, TOAST-compresses large values with lz4 where the server has it
    /// (a fraction of pglz's CPU for raw files and reports). Stored values say how they were compressed, so
    /// reading is unaffected.
    /// </summary>
    public static Task PreferLz4CompressionAsync(DelTranDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)",
            cancellationToken);

    private static Task<List<PositionRow>> LockExistingPositionsAsync(DelTranDbContext db, string[] participants, string[] currencies, CancellationToken cancellationToken) =>
        db.Positions.FromSql(
            $"SELECT p.* FROM positions p JOIN unnest({participants}, {currencies}) AS k(p, c) ON p.participant_bic = k.p AND p.currency = k.c ORDER BY p.participant_bic, p.currency FOR UPDATE OF p")
            .ToListAsync(cancellationToken);

    public async Task InsertStatusReportAsync(DelTranDbContext db, Guid messageId, string reportMsgId, Stream xml, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        // The UTF-8 bytes go up as a streamed bytea parameter and become text on the server, so a report of any
        // size is never held in this process as one string.
        await PreferLz4CompressionAsync(db, cancellationToken);
        var content = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = xml };
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO status_reports (message_id, report_msg_id, xml, created_at) VALUES ({messageId}, {reportMsgId}, convert_from({content}, 'UTF8'), {createdAt})",
            cancellationToken);
    }

    public async Task<Stream?> OpenStatusReportAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken)
    {
        // Sequential access: Npgsql hands the column over as a stream off the wire instead of buffering the row.
        await db.Database.OpenConnectionAsync(cancellationToken);
        NpgsqlCommand? command = null;
        NpgsqlDataReader? reader = null;
        try
        {
            command = new NpgsqlCommand("SELECT convert_to(xml, 'UTF8') FROM status_reports WHERE message_id = $1", (NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
                Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = messageId } },
            };
            reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess | System.Data.CommandBehavior.SingleRow, cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                NpgsqlDataReader owned = reader;
                NpgsqlCommand ownedCommand = command;
                var stream = new OwningReadStream(await owned.GetStreamAsync(0, cancellationToken), owned.DisposeAsync, ownedCommand.DisposeAsync, () => new ValueTask(db.Database.CloseConnectionAsync()));
                reader = null;
                command = null;
                return stream;
            }
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }

            if (command is not null)
            {
                await command.DisposeAsync();
                await db.Database.CloseConnectionAsync();
            }
        }

        return null;
    }

    public async Task<List<UetrDuplicate>> RegisterMessageUetrsAsync(DelTranDbContext db, Guid messageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Server-side from the rows just loaded: nothing per transaction is kept in this process. The duplicates are
        // read by a second statement, whose snapshot also sees a registration that a concurrent instance committed
        // while this insert waited on it.
        string validated = TransactionStateValidated;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO uetr_registry (uetr, transaction_id, content_hash, registered_at) SELECT uetr, id, content_hash, {at} FROM transactions WHERE message_id = {messageId} AND state = {validated} AND uetr IS NOT NULL ON CONFLICT (uetr) DO NOTHING",
            cancellationToken);
        return await db.Database.SqlQuery<UetrDuplicate>(
            $"SELECT t.id AS \"TransactionId\", t.uetr AS \"Uetr\", r.content_hash IS DISTINCT FROM t.content_hash AS \"Conflicting\" FROM transactions t JOIN uetr_registry r ON r.uetr = t.uetr WHERE t.message_id = {messageId} AND t.state = {validated} AND r.transaction_id <> t.id")
            .ToListAsync(cancellationToken);
    }

    private static readonly string TransactionStateValidated = TransactionStates.Code(TransactionState.Validated);

    public async Task ApplyTransitionsAsync(DelTranDbContext db, TransactionState fromState, IReadOnlyList<Transition> transitions, IReadOnlyList<ObligationRow> obligations, CancellationToken cancellationToken)
    {
        if (transitions.Count == 0)
        {
            return;
        }

        Guid[] ids = [.. transitions.Select(t => t.TransactionId)];
        string from = TransactionStates.Code(fromState);
        string[] states = [.. transitions.Select(t => TransactionStates.Code(t.ToState))];
        string?[] codes = [.. transitions.Select(t => t.ReasonCode)];
        string?[] texts = [.. transitions.Select(t => t.ReasonText)];
        DateTimeOffset[] ats = [.. transitions.Select(t => t.At)];
        string[] stages = [.. transitions.Select(t => t.Stage)];
        DateTimeOffset at = transitions[0].At;

        // One statement: the guarded move and, for the rows it really moved, their events (no second round trip,
        // nothing encoded twice on the client). The guard is written "(…) IS TRUE" (the same for a NOT NULL column) so
        // that it cannot be an index condition: with statistics from before the stages ran, the planner took the
        // (message_id, state) index (dropped since, for HOT moves) for a state it believed empty and compared every row
        // in that state with every id of the batch (1.2 s instead of 0.3 s per batch in one bench run). The rows are
        // found by primary key; the guard is still checked on the row version that is updated.
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH v AS (SELECT * FROM unnest({ids}, {states}, {codes}, {texts}, {ats}, {stages}) AS v(id, s, c, x, a, g)),
            moved AS (
                UPDATE transactions t SET state = v.s, reason_code = COALESCE(v.c, t.reason_code), reason_text = COALESCE(v.x, t.reason_text), updated_at = {at}
                FROM v WHERE t.id = v.id AND (t.state = {from}) IS TRUE
                RETURNING t.id, v.s, v.c, v.x, v.a, v.g)
            INSERT INTO transaction_events (transaction_id, at, from_state, to_state, stage, reason_code, detail)
            SELECT id, a, {from}, s, g, c, x FROM moved
            """,
            cancellationToken);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (obligations.Count == 0)
        {
            return;
        }

        await using NpgsqlBinaryImporter obligationCopy = await connection.BeginBinaryImportAsync(
            "COPY obligations (transaction_id, uetr, end_to_end_id, debtor_bic, creditor_bic, amount, currency, value_date, instructed_amount, instructed_currency, exchange_rate, accepted_at, window_id, token_payment_id, not_instant) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (ObligationRow o in obligations)
        {
            await obligationCopy.StartRowAsync(cancellationToken);
            await obligationCopy.WriteAsync(o.TransactionId, NpgsqlDbType.Uuid, cancellationToken);
            await WriteNullable(obligationCopy, o.Uetr?.Value, NpgsqlDbType.Uuid, cancellationToken);
            await obligationCopy.WriteAsync(o.EndToEndId, NpgsqlDbType.Text, cancellationToken);
            await obligationCopy.WriteAsync(o.DebtorBic.Value, NpgsqlDbType.Text, cancellationToken);
            await obligationCopy.WriteAsync(o.CreditorBic.Value, NpgsqlDbType.Text, cancellationToken);
            await obligationCopy.WriteAsync(o.Amount, NpgsqlDbType.Numeric, cancellationToken);
            await obligationCopy.WriteAsync(o.Currency.Code, NpgsqlDbType.Text, cancellationToken);
            await WriteNullable(obligationCopy, o.ValueDate, NpgsqlDbType.Date, cancellationToken);
            await WriteNullable(obligationCopy, o.InstructedAmount, NpgsqlDbType.Numeric, cancellationToken);
            await WriteNullable(obligationCopy, o.InstructedCurrency?.Code, NpgsqlDbType.Text, cancellationToken);
            await WriteNullable(obligationCopy, o.ExchangeRate, NpgsqlDbType.Numeric, cancellationToken);
            await obligationCopy.WriteAsync(o.AcceptedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullable(obligationCopy, o.WindowId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullable(obligationCopy, o.TokenPaymentId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullable(obligationCopy, o.NotInstant, NpgsqlDbType.Text, cancellationToken);
        }

        await obligationCopy.CompleteAsync(cancellationToken);
    }

    public async Task InsertScreeningsAsync(DelTranDbContext db, IReadOnlyList<TransactionScreeningRow> screenings, IReadOnlyList<AmlFlowRow> flows, IReadOnlyList<AmlAlertRow> alerts, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await CopyAsync(connection, "COPY transaction_screenings (transaction_id, list_set_id, decision, score, screened_at) FROM STDIN (FORMAT BINARY)", screenings, async (copy, row, ct) =>
        {
            await copy.WriteAsync(row.TransactionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.ListSetId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Decision, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Score, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(row.ScreenedAt, NpgsqlDbType.TimestampTz, ct);
        }, cancellationToken);
        await CopyAsync(connection, "COPY aml_flows (transaction_id, debtor_key, corridor, currency, amount, at) FROM STDIN (FORMAT BINARY)", flows, async (copy, row, ct) =>
        {
            await copy.WriteAsync(row.TransactionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.DebtorKey, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Corridor.ToString(), NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Currency.Code, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.Amount, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz, ct);
        }, cancellationToken);

        // Alerts can be as many as the transactions (each over a reporting threshold): one COPY, not an insert per alert.
        await CopyAsync(connection, "COPY aml_alerts (transaction_id, rule_id, severity, explanation, rejected, at) FROM STDIN (FORMAT BINARY)", alerts, async (copy, row, ct) =>
        {
            await copy.WriteAsync(row.TransactionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.RuleId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.Severity, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.Explanation, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.Rejected, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz, ct);
        }, cancellationToken);
    }

    /// <summary>Binary COPY of <paramref name="rows"/>, one <paramref name="writeRow"/> each; nothing when there are none.</summary>
    private static async Task CopyAsync<TRow>(NpgsqlConnection connection, string copyCommand, IReadOnlyList<TRow> rows, Func<NpgsqlBinaryImporter, TRow, CancellationToken, Task> writeRow, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        foreach (TRow row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await writeRow(copy, row, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public async Task EnterWindowGuardSharedAsync(DelTranDbContext db, IEnumerable<string> currencies, CancellationToken cancellationToken)
    {
        foreach (string currency in currencies.Distinct().Order(StringComparer.Ordinal))
        {
            string key = WindowGuardKey(currency);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtext({key}))", cancellationToken);
        }
    }

    public async Task EnterWindowGuardExclusiveAsync(DelTranDbContext db, string currency, CancellationToken cancellationToken)
    {
        string key = WindowGuardKey(currency);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", cancellationToken);
    }

    private static string WindowGuardKey(string currency) => "deltran.window." + currency;

    public async Task<DateTimeOffset> NowAsync(DelTranDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<DateTime>($"SELECT clock_timestamp() AS \"Value\"").SingleAsync(cancellationToken)).ToUniversalTime();

    public async Task LockCurrencyPositionsAsync(DelTranDbContext db, string currency, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<string>($"SELECT participant_bic AS \"Value\" FROM positions WHERE currency = {currency} ORDER BY participant_bic FOR UPDATE")
            .ToListAsync(cancellationToken);

    public async Task<(long Count, decimal Sum)> WindowTotalsAsync(DelTranDbContext db, string windowId, CancellationToken cancellationToken)
    {
        // One scan of the window for both figures.
        var totals = await db.Obligations.Where(o => o.WindowId == windowId).GroupBy(o => 1)
            .Select(g => new { Count = g.LongCount(), Sum = g.Sum(o => o.Amount) }).SingleOrDefaultAsync(cancellationToken);
        return totals is null ? (0, 0m) : (totals.Count, totals.Sum);
    }

    public async Task ReleaseWindowPositionsAsync(DelTranDbContext db, string windowId, Currency currency, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE positions p SET net_position = p.net_position - d.delta
            FROM (SELECT participant, sum(delta) AS delta FROM (
                    SELECT debtor_bic AS participant, -amount AS delta FROM obligations WHERE window_id = {windowId}
                    UNION ALL
                    SELECT creditor_bic, amount FROM obligations WHERE window_id = {windowId}) AS moves
                  GROUP BY participant) AS d
            WHERE p.participant_bic = d.participant AND p.currency = {currency.Code}
            """,
            cancellationToken);

    public Task<int> DeleteAmlFlowsAsync(DelTranDbContext db, DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        // The oldest rows come first in the heap, so the scan for a batch stops early; the last, short batch reads the table once.
        db.Database.ExecuteSqlAsync(
            $"DELETE FROM aml_flows WHERE transaction_id IN (SELECT transaction_id FROM aml_flows WHERE at < {before.ToUniversalTime()} LIMIT {max})",
            cancellationToken);

    private sealed class NoLock : IDisposable
    {
        public static NoLock Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
