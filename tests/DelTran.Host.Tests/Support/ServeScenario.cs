using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Servers;
using DelTran.MockBank;
using Npgsql;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Support;

/// <summary>
/// What the crash, restart and two-instance tests do to `deltran serve` child processes on the test servers:
/// one environment for an installation, submissions, window closes, waits on the database and the bank, and the
/// settlement invariants they end with.
/// </summary>
public static class ServeScenario
{
    public const string OperatorKey = "demo-operator-key";
    public const string Sender = "SRCBINBB";

    /// <summary>
    /// One installation: the database, the broker under its own queue prefix, no scheduled closes, short window
    /// leases (a restarted instance takes a dead one's window over within seconds), and the bank when given.
    /// <paramref name="name"/> becomes the connections' application_name, so pg_stat_activity tells processes apart.
    /// </summary>
    public static Dictionary<string, string> Environment(PostgresDatabase database, string prefix, string? bankUrl = null, string? name = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__deltran"] = name is null ? database.ConnectionString : new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = name }.ConnectionString,
            ["ConnectionStrings__rabbitmq"] = TestServers.RabbitMqUri.ToString(),
            ["DelTran__Bus__EndpointPrefix"] = prefix,
            ["DelTran__Outbox__PollInterval"] = "00:00:00.100",
            ["DelTran__Clearing__ScheduleCloses"] = "false",
            ["DelTran__Clearing__LeaseSeconds"] = "3",
            ["DelTran__Clearing__SweepSeconds"] = "1",
        };
        if (bankUrl is not null)
        {
            environment["DelTran__Banks__BaseUrl"] = bankUrl;
            // A held answer must outlast a kill or a restart: the gateway waits for it instead of timing out and retrying.
            environment["DelTran__Banks__AttemptTimeout"] = "00:05:00";
            environment["DelTran__Banks__TotalTimeout"] = "00:10:00";
        }

        return environment;
    }

    public static async Task<Guid> SubmitAsync(ServeProcess to, byte[] message)
    {
        using HttpResponseMessage response = await ApiServer.Submit(to.BaseAddress, ApiServer.DemoKey(Sender), message);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{to.Name}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task SubmitAndCompleteAsync(ServeProcess to, byte[] message)
    {
        Guid id = await SubmitAsync(to, message);
        JsonElement done = await ApiServer.WaitForCompletion(to.BaseAddress, ApiServer.DemoKey(Sender), id, TimeSpan.FromMinutes(2));
        Assert.Equal("ACCP", done.GetProperty("groupStatus").GetString());
    }

    /// <summary>Three accepted payments of the sender in one currency.</summary>
    public static byte[] Payments(string currency, string tag = "KILL")
    {
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId(tag + "-" + currency) };
        for (int i = 0; i < 3; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.EndToEndId = FormattableString.Invariant($"{tag}-{currency}-{n:D3}");
                tx.Uetr = TestMessages.Uetr();
                tx.Amount = "125.50";
                tx.Currency = currency;
            });
        }

        return Encoding.UTF8.GetBytes(builder.Build());
    }

    public static async Task CloseAsync(ServeProcess process, string currency)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/windows/{currency}/close");
        request.Headers.Add("X-Api-Key", OperatorKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<BookedSettlement> WaitForBookingAsync(HttpClient bank, string participant, string currency, ServeProcess process)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!deadline.IsCancellationRequested)
        {
            List<BookedSettlement> booked = (await bank.GetFromJsonAsync<List<BookedSettlement>>("/api/v1/settlements", deadline.Token))!;
            if (booked.Find(b => b.Participant.StartsWith(participant, StringComparison.Ordinal) && b.Currency == currency && b.Direction == "DEBIT") is { } hit)
            {
                return hit;
            }

            await Task.Delay(100, deadline.Token);
        }

        throw new TimeoutException($"The bank never booked {participant}'s {currency} debit:{System.Environment.NewLine}{process.Output}");
    }

    public static async Task WaitForStateAsync(ServeProcess process, string windowId, string state, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        using var deadline = new CancellationTokenSource(timeout);
        string last = string.Empty;
        while (!deadline.IsCancellationRequested)
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri($"/api/v1/windows/{windowId}", UriKind.Relative), CancellationToken.None);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}";
            if (response.IsSuccessStatusCode && JsonDocument.Parse(last[4..]).RootElement.GetProperty("window").GetProperty("state").GetString() == state)
            {
                return;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException($"{windowId} did not reach {state}: {last}{System.Environment.NewLine}{process.Output}");
    }

    /// <summary>Polls until the condition holds; the deadline only bounds a hang.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited in vain for {what}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>Every window settled once, ledger balanced and equal to the accounts, nothing reserved, and the bank's books equal the ledger's.</summary>
    public static async Task AssertSettledInvariantsAsync(NpgsqlDataSource data, IReadOnlyList<BookedSettlement> bookings)
    {
        Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM clearing_windows WHERE state IN ('CLOSING', 'NETTED', 'SETTLING')"));
        Assert.True(
            await ScalarAsync(data, "SELECT count(*) FROM (SELECT window_id FROM window_events WHERE from_state = 'SETTLING' AND to_state = 'SETTLED' GROUP BY window_id HAVING count(*) > 1) twice") == 0,
            await TextAsync(data, "SELECT string_agg(window_id || ' ' || coalesce(from_state, '-') || '>' || to_state || ' ' || cause, E'\n' ORDER BY id) FROM window_events"));
        Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM settlement_instructions WHERE status = 'RESERVED'"));
        Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM settlement_accounts WHERE reserved <> 0"));
        Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM (SELECT currency FROM ledger_entries GROUP BY currency HAVING sum(amount) <> 0) unbalanced"));
        Assert.Equal(0, await ScalarAsync(data,
            "SELECT count(*) FROM settlement_accounts a WHERE a.balance <> a.opening_balance + coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.account = a.participant_bic AND e.currency = a.currency), 0)"));
        // The outbox drains, and windows settled just before a crash get their reports, by themselves: wait for both
        // (a deadline bounds a hang), then neither may be left.
        const string Undispatched = "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL";
        const string Unreported = "SELECT count(*) FROM clearing_windows WHERE state IN ('SETTLED', 'FAILED') AND audit_digest IS NULL";
        using (var settled = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (await ScalarAsync(data, Undispatched) + await ScalarAsync(data, Unreported) > 0 && !settled.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }

        Assert.Equal(0, await ScalarAsync(data, Undispatched));
        Assert.Equal(0, await ScalarAsync(data, Unreported));
        foreach (BookedSettlement booking in bookings)
        {
            Assert.Equal(1, await ScalarAsync(data, $"SELECT count(*) FROM settlement_instructions WHERE instruction_id = '{booking.InstructionId}' AND status = 'POSTED'"));
        }

        Assert.Equal(bookings.Count, await ScalarAsync(data, "SELECT count(*) FROM settlement_instructions WHERE status = 'POSTED'"));
    }

    /// <summary>The bank's bookings, for the product's invariant check.</summary>
    public static async Task<List<BookedSettlement>> BookingsAsync(HttpClient bank) =>
        (await bank.GetFromJsonAsync<List<BookedSettlement>>("/api/v1/settlements"))!;

    public static IReadOnlyList<Core.Invariants.BankBooking> ForCheck(IEnumerable<BookedSettlement> bookings) =>
        [.. bookings.Select(b => new Core.Invariants.BankBooking(b.IdempotencyKey, b.Participant))];
}
