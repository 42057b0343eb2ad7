using System.Net;
using System.Text.Json;
using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Resilience;

/// <summary>Tests that stop the shared PostgreSQL or RabbitMQ: never run beside any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection
{
    public const string Name = "Server outages";
}

/// <summary>
/// A broker or database outage while `deltran serve` runs on PostgreSQL and RabbitMQ: the host says it is not
/// ready, nothing it acknowledged is lost, and processing resumes by itself, deciding each transaction once.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class OutageTests(ITestOutputHelper output)
{
    private const string Sender = "SRCBINBB";

    [Fact]
    public async Task Serve_StoresAFileWhileRabbitMqIsDown_AndProcessesItOnce_WhenTheBrokerReturns()
    {
        const int count = 1200;
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);
        Guid id;
        string readinessWhileDown;
        bool down = false;
        try
        {
            await TestServers.RunRabbitMqCtlAsync("stop_app");
            down = true;

            // Still acknowledged: the bytes are stored with their outbox row, which waits for the broker.
            id = await server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("RMQDOWN"), count));
            await using (DelTranDbContext db = server.Db())
            {
                InboundFileRow file = await db.InboundFiles.AsNoTracking().SingleAsync(f => f.Id == id);
                Assert.Equal(InboundFileStatus.Stored, file.Status);
                Assert.Null(file.MessageId);
                Assert.Equal(1, await db.Outbox.CountAsync(o => o.DispatchedAt == null));
            }

            using HttpClient client = server.Client(ApiServer.DemoKey(Sender));
            using HttpResponseMessage report = await client.GetAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);

            // Asserted at the end, so that a readiness failure does not hide whether the file survives the outage.
            readinessWhileDown = await ReadinessAsync(server, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        }
        finally
        {
            if (down)
            {
                await TestServers.RunRabbitMqCtlAsync("start_app");
            }
        }

        JsonElement status = await WaitForCompletionOrParkedCommandAsync(server, id, TimeSpan.FromMinutes(3));
        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await AssertDecidedOnceAsync(server, count);
        Assert.True(readinessWhileDown.StartsWith("503", StringComparison.Ordinal), $"/health/ready while RabbitMQ was down: {readinessWhileDown}");
    }

    [Fact]
    public async Task Serve_ResumesAndFinishesAMessage_WhenPostgresStopsInTheMiddleOfIt()
    {
        const int count = 20_000;
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);
        Guid id = await server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("PGDOWN"), count));

        // In flight: the stages have decided some transactions of the message, and not all of them.
        int screened = await WaitForAsync(server, async db => await db.TransactionEvents.CountAsync(e => e.ToState == TransactionState.Screened), n => n > 0, TimeSpan.FromMinutes(2));
        Assert.InRange(screened, 1, count - 1);
        output.WriteLine($"database stopped with {screened} of {count} transactions screened");

        DateTimeOffset backUp;
        bool down = false;
        try
        {
            await TestServers.RunPgCtlAsync("stop", "-m", "fast");
            down = true;
            await server.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));

            // Nothing is acknowledged that could not be stored, and the client is told to send it again: 503, not a 500.
            using (HttpResponseMessage refused = await server.SubmitAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("PGDOWN-NEW"), 1)))
            {
                string body = await refused.Content.ReadAsStringAsync();
                output.WriteLine($"a submission while the database is down: {(int)refused.StatusCode} {refused.Headers.RetryAfter} {body}");
                AssertServiceUnavailable(refused, body);
                Assert.Contains("nothing was accepted", body, StringComparison.Ordinal);
            }

            using (HttpClient client = server.Client(ApiServer.DemoKey(Sender)))
            using (HttpResponseMessage read = await client.GetAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative)))
            {
                string body = await read.Content.ReadAsStringAsync();
                output.WriteLine($"a status read while the database is down: {(int)read.StatusCode} {read.Headers.RetryAfter} {body}");
                AssertServiceUnavailable(read, body);
            }

            await TestServers.RunPgCtlAsync("start");
            down = false;
            backUp = DateTimeOffset.UtcNow;
        }
        finally
        {
            if (down)
            {
                await TestServers.RunPgCtlAsync("start");
            }

            // The test's own pooled connections died with the server.
            NpgsqlConnection.ClearAllPools();
        }

        JsonElement status = await WaitForCompletionOrParkedCommandAsync(server, id, TimeSpan.FromMinutes(4));
        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await AssertDecidedOnceAsync(server, count);
        await using DelTranDbContext db = server.Db();
        Assert.True(await db.TransactionEvents.AnyAsync(e => e.At > backUp), "no transaction was decided after the database came back: the outage did not hit the message in flight");
    }

    [Fact]
    public async Task Serve_FinishesEveryTransactionOnce_WhenRabbitMqRestartsInTheMiddleOfTheStages()
    {
        const int count = 20_000;
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);

        // The stages are held at the running positions (risk and liquidity lock them) while the broker goes, so the
        // restart meets commands consumed and not yet acknowledged, whatever the machine's speed.
        await using var holder = new NpgsqlConnection(server.Database!.ConnectionString);
        await holder.OpenAsync();
        await using NpgsqlTransaction hold = await holder.BeginTransactionAsync();
        await using (var lockPositions = new NpgsqlCommand("LOCK TABLE positions IN EXCLUSIVE MODE", holder, hold))
        {
            await lockPositions.ExecuteNonQueryAsync();
        }

        Guid id = await server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("RMQRESTART"), count));
        await using NpgsqlDataSource data = server.Database.CreateDataSource();
        long waiting = await WaitForAsync(server, _ => ScalarAsync(data, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%positions%'"), n => n > 0, TimeSpan.FromMinutes(2));
        int screened = await WaitForAsync(server, async db => await db.TransactionEvents.CountAsync(e => e.ToState == TransactionState.Screened), n => n > 0, TimeSpan.FromMinutes(2));
        output.WriteLine($"broker stopped with {screened} of {count} transactions screened and {waiting} stage(s) waiting on the positions");

        DateTimeOffset backUp;
        bool down = false;
        try
        {
            await TestServers.RunRabbitMqCtlAsync("stop_app");
            down = true;
            await ReadinessAsync(server, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
            await TestServers.RunRabbitMqCtlAsync("start_app");
            down = false;
            backUp = DateTimeOffset.UtcNow;
        }
        finally
        {
            if (down)
            {
                await TestServers.RunRabbitMqCtlAsync("start_app");
            }

            await hold.CommitAsync();
        }

        JsonElement status = await WaitForCompletionOrParkedCommandAsync(server, id, TimeSpan.FromMinutes(4));
        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await AssertDecidedOnceAsync(server, count);
        await AssertNoParkedCommandsAsync(server);
        await Support.Invariants.AssertHoldAsync(server.Database!.ConnectionString, null);
        await using DelTranDbContext db = server.Db();
        Assert.True(await db.TransactionEvents.AnyAsync(e => e.At > backUp), "no transaction was decided after the broker came back: the restart did not hit the message in flight");
    }

    [Fact]
    public async Task Serve_SettlesAWindowOnce_WhenPostgresRestartsBetweenTheBanksBookingAndTheLedgerPosting()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using MockBankServer bank = await MockBankServer.StartAsync();
        HttpClient bankClient = bank.Http;
        await using NpgsqlDataSource data = database.CreateDataSource();
        await using var processes = new ServeProcesses(ServeScenario.Environment(database, "pgr" + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString()));
        ServeProcess serve = await processes.StartAsync("deltran-pgrestart");
        await ServeScenario.SubmitAndCompleteAsync(serve, ServeScenario.Payments("INR", "PGRESTART"));
        await bank.AddFaultAsync("hold-after-booking", participant: "SRCBINBB", direction: "DEBIT", times: 1, delayMs: 600_000);
        await ServeScenario.CloseAsync(serve, "INR");
        BookedSettlement booked = await ServeScenario.WaitForBookingAsync(bankClient, "SRCBINBB", "INR", serve);

        // Where settlement is when the database goes: the bank has the booking, the ledger does not.
        Assert.Equal("SETTLING", await TextAsync(data, "SELECT state FROM clearing_windows WHERE id = 'INR-000001'"));
        Assert.Equal("RESERVED", await TextAsync(data, $"SELECT status FROM settlement_instructions WHERE instruction_id = '{booked.InstructionId}'"));
        Assert.Equal(0, await ScalarAsync(data, $"SELECT count(*) FROM ledger_entries WHERE instruction_id = '{booked.InstructionId}'"));

        bool down = false;
        try
        {
            await TestServers.RunPgCtlAsync("stop", "-m", "fast");
            down = true;
            // The bank answers while the database is away: the confirmation has nowhere to go yet.
            using (HttpResponseMessage released = await bankClient.PostAsync(new Uri("/api/v1/control/release", UriKind.Relative), null))
            {
                Assert.Contains("\"released\":1", await released.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await TestServers.RunPgCtlAsync("start");
            down = false;
        }
        finally
        {
            if (down)
            {
                await TestServers.RunPgCtlAsync("start");
            }

            // The test's own pooled connections died with the server.
            data.Clear();
            NpgsqlConnection.ClearAllPools();
        }

        await ServeScenario.WaitForStateAsync(serve, "INR-000001", "SETTLED", TimeSpan.FromMinutes(3));
        List<BookedSettlement> bookings = await ServeScenario.BookingsAsync(bankClient);
        Assert.Single(bookings, b => b.InstructionId == booked.InstructionId);
        Assert.Equal(bookings.Count, bookings.Select(b => b.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, await ScalarAsync(data, $"SELECT count(*) FROM ledger_entries WHERE instruction_id = '{booked.InstructionId}'"));
        await ServeScenario.AssertSettledInvariantsAsync(data, bookings);
        await Support.Invariants.AssertHoldAsync(database.ConnectionString, ServeScenario.ForCheck(bookings));
        Assert.False(serve.HasExited, serve.Output);
    }

    /// <summary>No command of this installation is parked in an _error queue.</summary>
    private static async Task AssertNoParkedCommandsAsync(ApiServer server)
    {
        string queues = await TestServers.RunRabbitMqCtlAsync("-q", "list_queues", "name", "messages");
        string[] parked = [.. queues.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(f => f.Length == 2 && f[0].StartsWith(server.EndpointPrefix + "-", StringComparison.Ordinal) && f[0].EndsWith("_error", StringComparison.Ordinal) && f[1].Trim() != "0")
            .Select(f => $"{f[0]}: {f[1].Trim()}")];
        Assert.True(parked.Length == 0, $"commands were parked in _error queues: {string.Join(", ", parked)}");
    }

    /// <summary>503 with a Retry-After in seconds and a problem document that says so.</summary>
    private static void AssertServiceUnavailable(HttpResponseMessage response, string body)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"no Retry-After in seconds: {response.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("database cannot be reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Every transaction of the installation accepted once: one obligation, five events, no command consumed twice, nothing left to dispatch.</summary>
    private static async Task AssertDecidedOnceAsync(ApiServer server, int count)
    {
        await using DelTranDbContext db = server.Db();
        Assert.Equal(count, await db.Transactions.CountAsync());
        Assert.Equal(count, await db.Transactions.CountAsync(t => t.State == TransactionState.Accepted));
        Assert.Equal(count, await db.Obligations.CountAsync());
        Assert.Equal(count, await db.Obligations.Select(o => o.TransactionId).Distinct().CountAsync());
        Assert.Equal(count * 5, await db.TransactionEvents.CountAsync());
        Assert.False(await db.TransactionEvents.GroupBy(e => new { e.TransactionId, e.ToState }).AnyAsync(g => g.Count() > 1));
        Assert.False(await db.ConsumedMessages.GroupBy(c => new { c.Consumer, c.MessageId }).AnyAsync(g => g.Count() > 1));
        Assert.Equal(1, await db.StatusReports.CountAsync());
        Assert.False(await db.Outbox.AnyAsync(o => o.DispatchedAt == null));
    }

    /// <summary>
    /// Waits for the message to complete, but fails at once, and says why, when one of the installation's commands
    /// was parked in an _error queue: that work would never be done, and the message never complete.
    /// </summary>
    private static async Task<JsonElement> WaitForCompletionOrParkedCommandAsync(ApiServer server, Guid id, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await server.WaitForCompletionAsync(Sender, id, TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                string queues = await TestServers.RunRabbitMqCtlAsync("-q", "list_queues", "name", "messages");
                string[] parked = [.. queues.Split('\n')
                    .Select(line => line.Split('\t'))
                    .Where(f => f.Length == 2 && f[0].StartsWith(server.EndpointPrefix + "-", StringComparison.Ordinal) && f[0].EndsWith("_error", StringComparison.Ordinal) && f[1].Trim() != "0")
                    .Select(f => $"{f[0]}: {f[1].Trim()}")];
                Assert.True(parked.Length == 0, $"commands were parked in _error queues during the outage and will never be processed: {string.Join(", ", parked)}");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}\n{await StuckWorkAsync(server)}", ex);
            }
        }
    }

    /// <summary>Where the unfinished work sits when a wait times out: transaction states, undispatched outbox rows, the installation's queues.</summary>
    private static async Task<string> StuckWorkAsync(ApiServer server)
    {
        await using DelTranDbContext db = server.Db();
        var states = await db.Transactions.GroupBy(t => t.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync();
        int undispatched = await db.Outbox.CountAsync(o => o.DispatchedAt == null);
        string queues = await TestServers.RunRabbitMqCtlAsync("-q", "list_queues", "name", "messages_ready", "messages_unacknowledged", "consumers");
        IEnumerable<string> mine = queues.Split('\n').Where(line => line.StartsWith(server.EndpointPrefix, StringComparison.Ordinal));
        return $"transactions by state: {string.Join(", ", states.Select(s => $"{s.State} {s.Count}"))}; undispatched outbox rows: {undispatched}\n" +
            $"queues (name, ready, unacknowledged, consumers):\n{string.Join('\n', mine)}";
    }

    /// <summary>Polls /health/ready until it answers <paramref name="expected"/> or the time is up; returns the last answer.</summary>
    private static async Task<string> ReadinessAsync(ApiServer server, HttpStatusCode expected, TimeSpan timeout)
    {
        using HttpClient client = server.Client();
        DateTime deadline = DateTime.UtcNow + timeout;
        string last;
        do
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == expected)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        return last;
    }

    private static async Task<T> WaitForAsync<T>(ApiServer server, Func<DelTranDbContext, Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        T value;
        do
        {
            await using DelTranDbContext db = server.Db();
            value = await read(db);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Condition not reached within {timeout}; last value {value}.");
    }
}
