using System.Net;
using System.Text.Json;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Scaling;

/// <summary>
/// Two `deltran serve` processes of one installation are both asked to close the same window while payments
/// are still flowing (held in the stages for certain, not by hoping a sleep is short enough): the window closes
/// once, and every obligation lands in exactly one window, by its acceptance time against the cut-off.
/// </summary>
public sealed class TwoProcessCloseTests
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task TwoServeProcesses_CloseAWindowOnce_AndPutInFlightPaymentsInTheNextWindow()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await bank.StartAsync();
        string prefix = "close" + Guid.NewGuid().ToString("N")[..10];
        ServeProcess? a = null, b = null;
        try
        {
            a = ServeProcess.Start("deltran-a", ServeScenario.Environment(database, prefix, bank.Urls.First()));
            b = ServeProcess.Start("deltran-b", ServeScenario.Environment(database, prefix, bank.Urls.First()));
            await Task.WhenAll(a.WaitForReadyAsync(TimeSpan.FromMinutes(2)), b.WaitForReadyAsync(TimeSpan.FromMinutes(2)));

            Guid first = await SubmitAsync(a, 50);
            await ApiServer.WaitForCompletion(a.BaseAddress, ApiServer.DemoKey("SRCBINBB"), first, TimeSpan.FromMinutes(2));

            // A second message is in the stages while both processes are told to close the window. It is held there
            // for certain, before any of it is accepted: the risk stage reads risk_limits first thing, and another
            // session holds that table locked until both closes have answered (the close never reads it).
            await using NpgsqlDataSource data = database.CreateDataSource();
            await using NpgsqlConnection holder = await data.OpenConnectionAsync();
            await using NpgsqlTransaction hold = await holder.BeginTransactionAsync();
            await using (var lockLimits = new NpgsqlCommand("LOCK TABLE risk_limits IN ACCESS EXCLUSIVE MODE", holder, hold))
            {
                await lockLimits.ExecuteNonQueryAsync();
            }

            Guid inFlight = await SubmitAsync(b, 3000);
            await WaitUntilAsync(
                async () => await ScalarAsync(data, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'risk_limits' AND NOT l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0,
                "a batch of the second message waiting in the risk stage",
                TimeSpan.FromMinutes(2));
            HttpResponseMessage[] closes = await Task.WhenAll(CloseAsync(a), CloseAsync(b));
            long acceptedAtClose = await ScalarAsync(data, "SELECT count(*) FROM obligations");
            await hold.CommitAsync();

            string answers = string.Join(" | ", await Task.WhenAll(closes.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
            Assert.True(closes.Count(r => r.StatusCode == HttpStatusCode.Accepted) == 1, answers);
            Assert.Single(closes, r => r.StatusCode == HttpStatusCode.Accepted);
            Assert.Single(closes, r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal(50, acceptedAtClose); // the premise: the second message was in flight, none of it accepted yet

            await ApiServer.WaitForCompletion(a.BaseAddress, ApiServer.DemoKey("SRCBINBB"), inFlight, TimeSpan.FromMinutes(3));
            JsonElement window = await WaitForStateAsync(b, "INR-000001", "SETTLED", TimeSpan.FromMinutes(2));

            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM window_events WHERE window_id = 'INR-000001' AND to_state = 'CLOSING'"));
            Assert.Equal(3050, await ScalarAsync(data, "SELECT count(*) FROM obligations"));
            Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM obligations WHERE window_id IS NULL"));
            // By acceptance time against the cut-off, on both sides of it.
            Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM obligations o JOIN clearing_windows w ON w.id = 'INR-000001' WHERE o.window_id = w.id AND o.accepted_at >= w.cutoff_at"));
            Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM obligations o JOIN clearing_windows w ON w.id = 'INR-000001' WHERE o.window_id <> w.id AND o.accepted_at < w.cutoff_at"));
            long settled = window.GetProperty("window").GetProperty("obligations").GetInt64();
            Assert.Equal(settled, await ScalarAsync(data, "SELECT count(*) FROM obligations WHERE window_id = 'INR-000001'"));
            Assert.Equal(3050 - settled, await ScalarAsync(data, "SELECT count(*) FROM obligations WHERE window_id = 'INR-000002'"));
            Assert.Equal(50, settled); // the first message's, and none of the payments in flight at the close
            Assert.Equal(0, await ScalarAsync(data, "SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries"));
            Assert.Equal(-settled, await ScalarAsync(data, "SELECT sum(amount)::bigint FROM ledger_entries WHERE account = 'SRCBINBB'"));

            using (var bankClient = new HttpClient { BaseAddress = new Uri(bank.Urls.First()) })
            {
                List<DelTran.MockBank.BookedSettlement> bookings = await ServeScenario.BookingsAsync(bankClient);
                Assert.Equal(bookings.Count, bookings.Select(x => x.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
                await Support.Invariants.AssertHoldAsync(database.ConnectionString, ServeScenario.ForCheck(bookings));
            }

            foreach (ServeProcess process in new[] { a, b })
            {
                Assert.False(process.HasExited, $"{process.Name} exited:{System.Environment.NewLine}{process.Output}");
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

    private static async Task<Guid> SubmitAsync(ServeProcess to, int transactions)
    {
        using HttpResponseMessage response = await ApiServer.Submit(to.BaseAddress, ApiServer.DemoKey("SRCBINBB"), TestMessages.Pacs008(TestMessages.UniqueMsgId("CLOSE"), transactions));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> CloseAsync(ServeProcess process)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/windows/INR/close?windowId=INR-000001");
        request.Headers.Add("X-Api-Key", OperatorKey);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> WaitForStateAsync(ServeProcess process, string windowId, string state, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        DateTime deadline = DateTime.UtcNow + timeout;
        string last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStringAsync($"/api/v1/windows/{windowId}");
            JsonElement window = JsonDocument.Parse(last).RootElement;
            if (window.GetProperty("window").GetProperty("state").GetString() == state)
            {
                return window;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{windowId} did not reach {state}: {last}{System.Environment.NewLine}{process.Output}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
