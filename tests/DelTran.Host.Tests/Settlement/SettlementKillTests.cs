using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Infrastructure;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Settlement;

/// <summary>
/// `deltran serve` on PostgreSQL and RabbitMQ is killed with SIGKILL while a window settles, at the worst moment:
/// the bank has booked an instruction and the ledger does not have it yet. A restarted instance takes the window
/// over within seconds of its lease running out, finds the booking at the bank (the instruction id is the
/// idempotency key), posts it once and settles the window; another currency's window is never held meanwhile.
/// </summary>
public sealed class SettlementKillTests
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task Serve_KilledBetweenBankBookingAndLedgerPosting_IsFinishedByItsRestart_AndBooksNothingTwice()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await bank.StartAsync();
        using var bankClient = new HttpClient { BaseAddress = new Uri(bank.Urls.First()) };
        Dictionary<string, string> environment = Environment(database, "kill" + Guid.NewGuid().ToString("N")[..10], bank.Urls.First());
        await using NpgsqlDataSource data = database.CreateDataSource();

        ServeProcess first = ServeProcess.Start("deltran-first", environment);
        ServeProcess? second = null;
        try
        {
            await first.WaitForReadyAsync(TimeSpan.FromMinutes(2));
            await SubmitAndCompleteAsync(first, Payments("INR"));
            await SubmitAndCompleteAsync(first, Payments("USD"));

            // The bank books SRCBINBB's INR debit at once and holds its answer: the gap a crash falls into.
            using (HttpResponseMessage fault = await bankClient.PostAsJsonAsync("/api/v1/control/faults", new { mode = "hold-after-booking", participant = "SRCBINBB", direction = "DEBIT", delayMs = 600_000, times = 1 }))
            {
                Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
            }

            await CloseAsync(first, "INR");
            BookedSettlement booked = await WaitForBookingAsync(bankClient, "SRCBINBB", "INR", first);

            // Where the process is when it dies: the bank has the booking, the ledger does not, the window is SETTLING.
            Assert.Equal("SETTLING", await TextAsync(data, "SELECT state FROM clearing_windows WHERE id = 'INR-000001'"));
            Assert.Equal("RESERVED", await TextAsync(data, $"SELECT status FROM settlement_instructions WHERE instruction_id = '{booked.InstructionId}'"));
            Assert.Equal(0, await ScalarAsync(data, $"SELECT count(*) FROM ledger_entries WHERE instruction_id = '{booked.InstructionId}'"));

            // Another currency's window settles while this one waits at its bank: nothing is locked across windows.
            await CloseAsync(first, "USD");
            await WaitForStateAsync(first, "USD-000001", "SETTLED", TimeSpan.FromMinutes(2));
            Assert.Equal("SETTLING", await TextAsync(data, "SELECT state FROM clearing_windows WHERE id = 'INR-000001'"));

            await first.KillAsync();
            Assert.True(first.HasExited);

            second = ServeProcess.Start("deltran-second", environment);
            await second.WaitForReadyAsync(TimeSpan.FromMinutes(2));
            await WaitForStateAsync(second, "INR-000001", "SETTLED", TimeSpan.FromMinutes(2));

            // Booked once at the bank, posted once in the ledger, and the recovery on the window's record.
            List<BookedSettlement> bookings = (await bankClient.GetFromJsonAsync<List<BookedSettlement>>("/api/v1/settlements"))!;
            Assert.Single(bookings, b => b.InstructionId == booked.InstructionId);
            Assert.Equal(bookings.Count, bookings.Select(b => b.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(2, await ScalarAsync(data, $"SELECT count(*) FROM ledger_entries WHERE instruction_id = '{booked.InstructionId}'"));
            Assert.Equal(booked.ConfirmationId, await TextAsync(data, $"SELECT confirmation_id FROM settlement_instructions WHERE instruction_id = '{booked.InstructionId}'"));
            string history = await TextAsync(data, "SELECT string_agg(cause, ' | ' ORDER BY id) FROM window_events WHERE window_id = 'INR-000001'");
            Assert.Contains("recovery: ", history, StringComparison.Ordinal);
            Assert.Contains("takes over from", history, StringComparison.Ordinal);
            Assert.Contains($"had already booked {booked.InstructionId}", history, StringComparison.Ordinal);

            await AssertSettledInvariantsAsync(data, bookings);
            await Support.Invariants.AssertHoldAsync(database.ConnectionString, [.. bookings.Select(b => new DelTran.Core.Invariants.BankBooking(b.IdempotencyKey, b.Participant))]);
            Assert.False(second.HasExited, second.Output);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await first.DisposeAsync();
        }
    }

    /// <summary>Every window settled once, ledger balanced and equal to the accounts, nothing reserved, and the bank's books equal the ledger's.</summary>
    private static async Task AssertSettledInvariantsAsync(NpgsqlDataSource data, List<BookedSettlement> bookings)
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
        // The outbox drains, and windows settled just before the kill get their reports, by themselves: wait for both
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

    private static byte[] Payments(string currency)
    {
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("KILL-" + currency) };
        for (int i = 0; i < 3; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.EndToEndId = FormattableString.Invariant($"KILL-{currency}-{n:D3}");
                tx.Uetr = TestMessages.Uetr();
                tx.Amount = "125.50";
                tx.Currency = currency;
            });
        }

        return Encoding.UTF8.GetBytes(builder.Build());
    }

    private static async Task SubmitAndCompleteAsync(ServeProcess to, byte[] message)
    {
        using HttpResponseMessage response = await ApiServer.Submit(to.BaseAddress, ApiServer.DemoKey("SRCBINBB"), message);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {text}");
        Guid id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        JsonElement done = await ApiServer.WaitForCompletion(to.BaseAddress, ApiServer.DemoKey("SRCBINBB"), id, TimeSpan.FromMinutes(2));
        Assert.Equal("ACCP", done.GetProperty("groupStatus").GetString());
    }

    private static async Task CloseAsync(ServeProcess process, string currency)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/windows/{currency}/close");
        request.Headers.Add("X-Api-Key", OperatorKey);
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<BookedSettlement> WaitForBookingAsync(HttpClient bank, string participant, string currency, ServeProcess process)
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

    private static async Task WaitForStateAsync(ServeProcess process, string windowId, string state, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        using var deadline = new CancellationTokenSource(timeout);
        string last = string.Empty;
        while (!deadline.IsCancellationRequested)
        {
            last = await client.GetStringAsync(new Uri($"/api/v1/windows/{windowId}", UriKind.Relative), CancellationToken.None);
            if (JsonDocument.Parse(last).RootElement.GetProperty("window").GetProperty("state").GetString() == state)
            {
                return;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException($"{windowId} did not reach {state}: {last}{System.Environment.NewLine}{process.Output}");
    }

    private static Dictionary<string, string> Environment(PostgresDatabase database, string prefix, string bankUrl) => new(StringComparer.Ordinal)
    {
        ["ConnectionStrings__deltran"] = database.ConnectionString,
        ["ConnectionStrings__rabbitmq"] = TestServers.RabbitMqUri.ToString(),
        ["DelTran__Bus__EndpointPrefix"] = prefix,
        ["DelTran__Outbox__PollInterval"] = "00:00:00.100",
        ["DelTran__Banks__BaseUrl"] = bankUrl,
        // The held answer must outlast the kill: the gateway waits for it instead of timing out and retrying.
        ["DelTran__Banks__AttemptTimeout"] = "00:05:00",
        ["DelTran__Banks__TotalTimeout"] = "00:10:00",
        ["DelTran__Clearing__ScheduleCloses"] = "false",
        ["DelTran__Clearing__LeaseSeconds"] = "3",
        ["DelTran__Clearing__SweepSeconds"] = "1",
    };
}
