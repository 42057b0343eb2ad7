using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Clearing.Settlement;

/// <summary>
/// `deltran serve` on PostgreSQL and RabbitMQ is killed with SIGKILL while a window closes or settles, at a moment
/// each test first proves it reached. A restarted instance takes the window over within seconds of its lease
/// running out and finishes it: netting from the committed close, and at the bank finding what was booked (the
/// instruction id is the idempotency key), posting it once; another currency's window is never held meanwhile.
/// </summary>
public sealed class SettlementKillTests
{
    [Fact]
    public async Task Serve_KilledBetweenBankBookingAndLedgerPosting_IsFinishedByItsRestart_AndBooksNothingTwice()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using MockBankServer bank = await MockBankServer.StartAsync();
        HttpClient bankClient = bank.Http;
        await using NpgsqlDataSource data = database.CreateDataSource();
        await using var processes = new ServeProcesses(Environment(database, "kill" + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString()));

        ServeProcess first = await processes.StartAsync("deltran-first");
        await SubmitAndCompleteAsync(first, Payments("INR"));
        await SubmitAndCompleteAsync(first, Payments("USD"));

        // The bank books SRCBINBB's INR debit at once and holds its answer: the gap a crash falls into.
        await bank.AddFaultAsync("hold-after-booking", participant: "SRCBINBB", direction: "DEBIT", times: 1, delayMs: 600_000);

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

        ServeProcess second = await processes.StartAsync("deltran-second");
        await WaitForStateAsync(second, "INR-000001", "SETTLED", TimeSpan.FromMinutes(2));

        // Booked once at the bank, posted once in the ledger, and the recovery on the window's record.
        List<BookedSettlement> bookings = await BookingsAsync(bankClient);
        Assert.Single(bookings, b => b.InstructionId == booked.InstructionId);
        Assert.Equal(bookings.Count, bookings.Select(b => b.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, await ScalarAsync(data, $"SELECT count(*) FROM ledger_entries WHERE instruction_id = '{booked.InstructionId}'"));
        Assert.Equal(booked.ConfirmationId, await TextAsync(data, $"SELECT confirmation_id FROM settlement_instructions WHERE instruction_id = '{booked.InstructionId}'"));
        string history = await TextAsync(data, "SELECT string_agg(cause, ' | ' ORDER BY id) FROM window_events WHERE window_id = 'INR-000001'");
        Assert.Contains("recovery: ", history, StringComparison.Ordinal);
        Assert.Contains("takes over from", history, StringComparison.Ordinal);
        Assert.Contains($"had already booked {booked.InstructionId}", history, StringComparison.Ordinal);

        await AssertSettledInvariantsAsync(data, bookings);
        await Support.Invariants.AssertHoldAsync(database.ConnectionString, ForCheck(bookings));
        Assert.False(second.HasExited, second.Output);
    }

    [Fact]
    public async Task Serve_KilledWhileAWindowIsBetweenItsCloseAndItsNetting_IsNettedAndSettledByItsRestart()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using MockBankServer bank = await MockBankServer.StartAsync();
        HttpClient bankClient = bank.Http;
        await using NpgsqlDataSource data = database.CreateDataSource();
        await using var processes = new ServeProcesses(Environment(database, "close" + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString(), name: "deltran-close"));

        ServeProcess first = await processes.StartAsync("deltran-first");
        await SubmitAndCompleteAsync(first, Payments("AED", "CLOSEKILL"));

        // A test session holds the netting's table, so the close commits and the netting then waits on its insert.
        await using NpgsqlConnection blocker = await data.OpenConnectionAsync();
        await using NpgsqlTransaction held = await blocker.BeginTransactionAsync();
        await using (NpgsqlCommand command = new("LOCK TABLE window_positions IN ACCESS EXCLUSIVE MODE", blocker, held))
        {
            await command.ExecuteNonQueryAsync();
        }

        await CloseAsync(first, "AED");

        // Where the process is when it dies: the close committed (CLOSING, its obligations counted), and its netting
        // is waiting on the lock, inside a transaction the kill will abandon.
        await WaitUntilAsync(
            async () => await ScalarAsync(data, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'deltran-close' AND wait_event_type = 'Lock' AND query LIKE '%window_positions%'") == 1,
            "the netting to wait on window_positions");
        Assert.Equal("CLOSING", await TextAsync(data, "SELECT state FROM clearing_windows WHERE id = 'AED-000001'"));
        Assert.Equal(3, await ScalarAsync(data, "SELECT obligation_count FROM clearing_windows WHERE id = 'AED-000001'"));

        await first.KillAsync();
        Assert.True(first.HasExited);
        await held.RollbackAsync();

        ServeProcess second = await processes.StartAsync("deltran-second");
        await WaitForStateAsync(second, "AED-000001", "SETTLED", TimeSpan.FromMinutes(2));

        // Netted once (one set of positions), settled once, and the take-over on the window's record.
        Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM window_events WHERE window_id = 'AED-000001' AND from_state = 'CLOSING' AND to_state = 'NETTED'"));
        Assert.Equal(2, await ScalarAsync(data, "SELECT count(*) FROM window_positions WHERE window_id = 'AED-000001'"));
        Assert.Equal(0, await ScalarAsync(data, "SELECT coalesce(sum(net), 0) FROM window_positions WHERE window_id = 'AED-000001'"));
        string history = await TextAsync(data, "SELECT string_agg(cause, ' | ' ORDER BY id) FROM window_events WHERE window_id = 'AED-000001'");
        Assert.Contains("takes over from", history, StringComparison.Ordinal);

        List<BookedSettlement> bookings = await BookingsAsync(bankClient);
        Assert.Equal(2, bookings.Count);
        await AssertSettledInvariantsAsync(data, bookings);
        await Support.Invariants.AssertHoldAsync(database.ConnectionString, ForCheck(bookings));
        Assert.False(second.HasExited, second.Output);
    }
}
