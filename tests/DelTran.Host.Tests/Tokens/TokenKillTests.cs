using System.Net.Http.Json;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// `deltran serve` on PostgreSQL and RabbitMQ is killed with SIGKILL while a mint waits for its bank, after the bank has
/// booked the money: the restarted instance's sweeper asks the bank again with the same key, is answered with the first
/// booking, and credits the tokens once.
/// </summary>
public sealed class TokenKillTests
{
    [Fact]
    public async Task Serve_KilledBetweenTheBanksBookingAndTheMint_CreditsTheTokensOnceAfterItsRestart()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using NpgsqlDataSource data = database.CreateDataSource();
        Dictionary<string, string> environment = Environment(database, "tokkill" + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString());
        environment["DelTran__Tokens__SweepInterval"] = "00:00:01";
        environment["DelTran__Tokens__FundingRetryAfter"] = "00:00:02";
        await using var processes = new ServeProcesses(environment);

        // The bank books the mint's debit at once and holds its answer: the gap a crash falls into.
        await bank.AddFaultAsync("hold-after-booking", participant: Sender, direction: "DEBIT", times: 1, delayMs: 600_000);
        ServeProcess first = await processes.StartAsync("deltran-first");
        using var client = new HttpClient { BaseAddress = first.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiServer.DemoKey(Sender));
        Task<HttpResponseMessage> mint = client.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "kill-1", currency = "INR", amount = 2500m });
        await WaitUntilAsync(async () => (await BookingsAsync(bank.Http)).Exists(b => b.IdempotencyKey == "SRCBINBB/kill-1"), "the bank's booking of the mint");

        // Where the process is when it dies: the bank has the money, the ledger has no token of it.
        Assert.Equal("Pending", await TextAsync(data, "SELECT status FROM token_operations WHERE id = 'SRCBINBB/kill-1'"));
        Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM ledger_entries WHERE instruction_id = 'SRCBINBB/kill-1'"));
        await first.KillAsync();
        Assert.True(first.HasExited);
        await Assert.ThrowsAnyAsync<Exception>(() => mint);

        ServeProcess second = await processes.StartAsync("deltran-second");
        await WaitUntilAsync(async () => await TextAsync(data, "SELECT status FROM token_operations WHERE id = 'SRCBINBB/kill-1'") == "Posted", "the mint posted by the restarted instance", TimeSpan.FromMinutes(2));

        List<BookedSettlement> bookings = await BookingsAsync(bank.Http);
        BookedSettlement booked = Assert.Single(bookings, b => b.IdempotencyKey == "SRCBINBB/kill-1");
        Assert.Equal(booked.ConfirmationId, await TextAsync(data, "SELECT confirmation_id FROM token_operations WHERE id = 'SRCBINBB/kill-1'"));
        Assert.Equal(2, await ScalarAsync(data, "SELECT count(*) FROM ledger_entries WHERE instruction_id = 'SRCBINBB/kill-1'"));
        Assert.Equal(2500m, await ScalarDecimalAsync(data, "SELECT posted FROM token_accounts WHERE account = 'TOKEN:SRCBINBB' AND currency = 'INR'"));
        await Support.Invariants.AssertHoldAsync(database.ConnectionString, ForCheck(bookings));
        Assert.False(second.HasExited, second.Output);
    }

    private static async Task<decimal> ScalarDecimalAsync(NpgsqlDataSource data, string sql)
    {
        await using NpgsqlCommand command = data.CreateCommand(sql);
        return (decimal)(await command.ExecuteScalarAsync())!;
    }
}
