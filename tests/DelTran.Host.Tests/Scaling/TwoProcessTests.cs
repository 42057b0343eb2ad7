using System.Text;
using System.Text.Json;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Npgsql;
using Xunit.Abstractions;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Scaling;

/// <summary>
/// Scale-out as an operator runs it: two `deltran serve` processes of one installation (one PostgreSQL database,
/// one RabbitMQ, one queue prefix), fed over HTTP, compete for the work and decide every transaction once.
/// </summary>
public sealed class TwoProcessTests(ITestOutputHelper output)
{
    private const string Sender = "SRCBINBB";
    private const int Messages = 6;
    private const int TransactionsPerMessage = 1200;
    private const int Transactions = Messages * TransactionsPerMessage;

    [Fact]
    public async Task TwoServeProcesses_ShareTheWork_AndDecideEachTransactionExactlyOnce()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        string prefix = "proc" + Guid.NewGuid().ToString("N")[..10];
        ServeProcess? a = null, b = null;
        try
        {
            a = ServeProcess.Start("deltran-a", ServeScenario.Environment(database, prefix, name: "deltran-a"));
            b = ServeProcess.Start("deltran-b", ServeScenario.Environment(database, prefix, name: "deltran-b"));
            await Task.WhenAll(a.WaitForReadyAsync(TimeSpan.FromMinutes(2)), b.WaitForReadyAsync(TimeSpan.FromMinutes(2)));
            Assert.NotEqual(a.ProcessId, b.ProcessId);
            Assert.NotEqual(a.BaseAddress, b.BaseAddress);
            await RecordWhoWritesEachEventAsync(database);

            // Alternately to both processes over HTTP; each message is then asked about at the other one.
            var submitted = new List<(Guid Id, ServeProcess To, ServeProcess Other)>();
            for (int m = 0; m < Messages; m++)
            {
                (ServeProcess to, ServeProcess other) = m % 2 == 0 ? (a, b) : (b, a);
                byte[] body = TestMessages.Pacs008(TestMessages.UniqueMsgId($"SCALE{m}"), TransactionsPerMessage);
                using HttpResponseMessage response = await ApiServer.Submit(to.BaseAddress, ApiServer.DemoKey(Sender), body);
                string text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{to.Name}: {(int)response.StatusCode} {text}{System.Environment.NewLine}{to.Output}");
                submitted.Add((JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid(), to, other));
            }

            foreach ((Guid id, _, ServeProcess other) in submitted)
            {
                JsonElement status = await ApiServer.WaitForCompletion(other.BaseAddress, ApiServer.DemoKey(Sender), id, TimeSpan.FromMinutes(4));
                Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
                Assert.Equal(TransactionsPerMessage, status.GetProperty("transactions").GetInt32());
            }

            await using NpgsqlDataSource data = database.CreateDataSource();
            Assert.Equal([("ACCEPTED", (long)Transactions)], await RowsAsync<string, long>(data, "SELECT state, count(*) FROM transactions GROUP BY state"));
            Assert.Equal(Transactions, await ScalarAsync(data, "SELECT count(*) FROM obligations"));
            Assert.Equal(Transactions, await ScalarAsync(data, "SELECT count(DISTINCT transaction_id) FROM obligations"));
            Assert.Equal(Transactions * 5L, await ScalarAsync(data, "SELECT count(*) FROM transaction_events"));
            Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM (SELECT transaction_id FROM transaction_events GROUP BY transaction_id, to_state HAVING count(*) > 1) AS twice"));
            Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM (SELECT consumer, message_id FROM consumed_messages GROUP BY consumer, message_id HAVING count(*) > 1) AS twice"));
            Assert.Equal(Messages, await ScalarAsync(data, "SELECT count(*) FROM messages WHERE state = 'COMPLETED' AND group_status = 'ACCP'"));
            Assert.Equal(Messages, await ScalarAsync(data, "SELECT count(*) FROM status_reports"));
            Assert.Equal(-Transactions, await ScalarAsync(data, $"SELECT sum(net_position)::bigint FROM positions WHERE participant_bic = '{Sender}' AND currency = 'INR'"));

            // Who did the work: each process wrote stage decisions (its connections carry its application name).
            List<(string Writer, long Events)> writers = await RowsAsync<string, long>(
                data, "SELECT writer, count(*) FROM test_event_writers WHERE to_state IN ('SCREENED', 'RISK_CHECKED', 'ACCEPTED') GROUP BY writer ORDER BY writer");
            string split = string.Join(", ", writers.Select(w => $"{w.Writer}: {w.Events}"));
            output.WriteLine($"stage events by writer: {split}");
            Assert.True(writers.Select(w => w.Writer).SequenceEqual(["deltran-a", "deltran-b"]), $"stage events by writer: {split}");
            Assert.Equal(Transactions * 3L, writers.Sum(w => w.Events));
            Assert.True(writers.All(w => w.Events >= TransactionsPerMessage / 4), $"stage events by writer: {split}");

            foreach (ServeProcess process in new[] { a, b })
            {
                Assert.False(process.HasExited, $"{process.Name} exited:{System.Environment.NewLine}{process.Output}");
                // Errors logged, other than health checks reporting the bus still connecting at startup.
                string[] failures = [.. process.Output.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) && !l.Contains("HealthCheckService", StringComparison.Ordinal))];
                Assert.True(failures.Length == 0, $"{process.Name} logged errors:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, failures)}");
            }
        }
        finally
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            if (a is not null)
            {
                await a.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TwoServeProcesses_TheOneIngestingAFileKilled_TheOtherFinishesItOnce()
    {
        const int count = 20_000;
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using NpgsqlDataSource data = database.CreateDataSource();
        string prefix = "pkill" + Guid.NewGuid().ToString("N")[..10];
        ServeProcess? a = null, b = null;
        try
        {
            a = ServeProcess.Start("deltran-a", ServeScenario.Environment(database, prefix, name: "deltran-a"));
            b = ServeProcess.Start("deltran-b", ServeScenario.Environment(database, prefix, name: "deltran-b"));
            await Task.WhenAll(a.WaitForReadyAsync(TimeSpan.FromMinutes(2)), b.WaitForReadyAsync(TimeSpan.FromMinutes(2)));
            Guid id = await ServeScenario.SubmitAsync(a, TestMessages.Pacs008(TestMessages.UniqueMsgId("TWOKILL"), count));

            // Either process may have taken the file's ingest from the queue: the one copying its rows in dies.
            string? ingesting = null;
            await ServeScenario.WaitUntilAsync(
                async () => (ingesting = await TextOrNullAsync(data, "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY %transactions%'")) is not null,
                "a process to copy the file's rows in");
            (ServeProcess victim, ServeProcess survivor) = ingesting == "deltran-a" ? (a, b) : (b, a);
            await victim.KillAsync();
            Assert.False(await ScalarAsync(data, "SELECT count(*) FROM messages WHERE state = 'COMPLETED'") > 0, "the message completed before the kill: the kill missed its moment");
            output.WriteLine($"{victim.Name} killed while it copied the file's rows; {survivor.Name} goes on alone");

            JsonElement status = await ApiServer.WaitForCompletion(survivor.BaseAddress, ApiServer.DemoKey(Sender), id, TimeSpan.FromMinutes(5));
            Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM messages"));
            Assert.Equal(count, await ScalarAsync(data, "SELECT count(*) FROM transactions"));
            Assert.Equal(count, await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state = 'ACCEPTED'"));
            Assert.Equal(count, await ScalarAsync(data, "SELECT count(DISTINCT transaction_id) FROM obligations"));
            Assert.Equal(count, await ScalarAsync(data, "SELECT count(*) FROM obligations"));
            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM status_reports"));
            await ServeScenario.WaitUntilAsync(async () => await ScalarAsync(data, "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0, "the outbox to drain");
            await Support.Invariants.AssertHoldAsync(database.ConnectionString, null);
            Assert.False(survivor.HasExited, survivor.Output);
        }
        finally
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            if (a is not null)
            {
                await a.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Test-only instrumentation, no product change: a trigger copies each transaction event's writer (the
    /// application_name of the inserting connection, set per process in its connection string) to a side table.
    /// </summary>
    private static async Task RecordWhoWritesEachEventAsync(PostgresDatabase database)
    {
        var sql = new StringBuilder()
            .AppendLine("CREATE TABLE test_event_writers (transaction_id uuid NOT NULL, to_state text NOT NULL, writer text NOT NULL);")
            .AppendLine("CREATE FUNCTION test_record_event_writer() RETURNS trigger LANGUAGE plpgsql AS $$")
            .AppendLine("BEGIN INSERT INTO test_event_writers VALUES (NEW.transaction_id, NEW.to_state, current_setting('application_name')); RETURN NULL; END $$;")
            .AppendLine("CREATE TRIGGER test_event_writer AFTER INSERT ON transaction_events FOR EACH ROW EXECUTE FUNCTION test_record_event_writer();");
        await using NpgsqlDataSource data = database.CreateDataSource();
        await using NpgsqlCommand command = data.CreateCommand(sql.ToString());
        await command.ExecuteNonQueryAsync();
    }


    private static async Task<List<(T1, T2)>> RowsAsync<T1, T2>(NpgsqlDataSource data, string sql)
    {
        await using NpgsqlCommand command = data.CreateCommand(sql);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<(T1, T2)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetFieldValue<T1>(0), reader.GetFieldValue<T2>(1)));
        }

        return rows;
    }
}
