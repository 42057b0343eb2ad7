using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Settlement;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Infrastructure.Persistence;

/// <summary>
/// Typed columns (issue 16, item 3): Core's types are stored as the text they always were, and a row written behind
/// EF's back that its type cannot hold is refused on reading, naming the column and the value. Before, several readers
/// skipped such a row in silence (AvailableFundsQuery, RiskConsumer's caps, AmlHistory's flows); see docs/adr/0013.
/// </summary>
public sealed class TypedColumnsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deltran-typed-").FullName;

    private SqliteDelTranDbContext Db() =>
        new(new DbContextOptionsBuilder<SqliteDelTranDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "deltran.db")};Pooling=False").Options);

    public async Task InitializeAsync()
    {
        await using SqliteDelTranDbContext db = Db();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO participants (bic, name, country, suspended) VALUES ('SRCBINBB', 'Source Bank', 'IN', 0)");
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TypedColumns_StoreTheSameText_AsTheUntypedColumnsDid()
    {
        await using (SqliteDelTranDbContext db = Db())
        {
            db.ClearingWindows.Add(new ClearingWindowRow { Id = "INR-000001", Currency = Currency.Inr, Sequence = 1, State = WindowState.Open, OpenedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
            db.SettlementInstructions.Add(new SettlementInstructionRow
            {
                InstructionId = "INR-000001.1-SRCBINBB-INR-D",
                WindowId = "INR-000001",
                Attempt = 1,
                Sequence = 1,
                ParticipantBic = "SRCBINBB",
                Currency = Currency.Inr,
                Direction = SettlementDirection.Debit,
                Amount = 1m,
                Status = SettlementInstructionStatus.Reserved,
                UpdatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }

        await using SqliteDelTranDbContext read = Db();
        Assert.Equal("INR OPEN", await read.Database.SqlQueryRaw<string>("SELECT currency || ' ' || state AS \"Value\" FROM clearing_windows").SingleAsync());
        Assert.Equal("INR DEBIT RESERVED", await read.Database.SqlQueryRaw<string>("SELECT currency || ' ' || direction || ' ' || status AS \"Value\" FROM settlement_instructions").SingleAsync());
        ClearingWindowRow window = await read.ClearingWindows.SingleAsync(w => w.Currency == Currency.Inr && w.State == WindowState.Open);
        Assert.Equal("INR-000001", window.Id);
    }

    [Fact]
    public async Task AvailableFundsQuery_RefusesTheAccount_WhenItsCurrencyIsNoCurrency()
    {
        // Before: the account was left out, so the debtor looked as if it had no funds at all in any currency of that row.
        await ExecuteAsync("INSERT INTO settlement_accounts (participant_bic, currency, balance, credit_line, reserved, opening_balance) VALUES ('SRCBINBB', 'inr', 10, 0, 0, 10)");
        await using SqliteDelTranDbContext db = Db();

        await AssertRefusedAsync(() => AvailableFundsQuery.ForParticipantsAsync(db, ["SRCBINBB"], CancellationToken.None), "settlement_accounts.currency", "inr");
    }

    [Fact]
    public async Task RiskLimits_RefuseTheCap_WhenItsCurrencyIsNoCurrency()
    {
        // Before: RiskConsumer dropped the cap, so the participant ran without its net debit cap in that currency.
        await ExecuteAsync("INSERT INTO risk_limits (participant_bic, currency, net_debit_cap) VALUES ('SRCBINBB', 'RUPEE', 100)");
        await using SqliteDelTranDbContext db = Db();

        await AssertRefusedAsync(() => db.RiskLimits.AsNoTracking().Where(l => l.ParticipantBic == "SRCBINBB").ToListAsync(), "risk_limits.currency", "RUPEE");
    }

    [Fact]
    public async Task AmlHistory_RefusesTheFlow_WhenItsCorridorIsNoCorridor()
    {
        // Before: the embedded store's reader skipped the flow, so structuring and velocity counted less than was paid.
        Bic debtor = Bic.Parse("SRCBINBB"), creditor = Bic.Parse("EPRLAEAD");
        DateTimeOffset now = DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await ExecuteAsync($"INSERT INTO aml_flows (transaction_id, debtor_key, corridor, currency, amount, at) VALUES ('{Guid.NewGuid():D}', 'D1', 'IN to AE', 'INR', 100, '2026-12-01 11:00:00+00:00')");
        await using SqliteDelTranDbContext db = Db();
        using var dialect = new SqliteDialect(TimeProvider.System);
        var payment = new Core.Aml.AmlTransaction(Guid.NewGuid().ToString("D"), "D1", debtor, creditor, new Money(100m, Currency.Inr), now);
        var rulebook = new Core.Aml.AmlRulebook { DebtorVelocity = new Core.Aml.VelocityRule(TimeSpan.FromHours(24), 10, new Dictionary<Currency, decimal>(), new Core.Aml.AmlRuleSettings()) };

        await AssertRefusedAsync(() => AmlHistory.LoadAsync(db, dialect, [payment], rulebook, now, CancellationToken.None), "aml_flows.corridor", "IN to AE");
    }

    [Theory]
    [InlineData("UPDATE clearing_windows SET state = 'open'", "clearing_windows.state", "open")]
    [InlineData("UPDATE clearing_windows SET currency = 'IN'", "clearing_windows.currency", "IN")]
    public async Task ClearingWindows_AreRefused_WhenAStoredCodeNamesNoValue(string corruption, string column, string value)
    {
        await ExecuteAsync("INSERT INTO clearing_windows (id, currency, sequence, state, opened_at, obligation_count, obligation_sum, settlement_attempts, lease_fence, updated_at) VALUES ('INR-000001', 'INR', 1, 'OPEN', '2026-12-01 11:00:00+00:00', 0, 0, 0, 0, '2026-12-01 11:00:00+00:00')");
        await ExecuteAsync(corruption);
        await using SqliteDelTranDbContext db = Db();

        await AssertRefusedAsync(() => db.ClearingWindows.AsNoTracking().ToListAsync(), column, value);
    }

    private const string BreakerTrip = "INSERT INTO breaker_events (subject, transition, from_state, to_state, cause, at, explanation) VALUES ('participant SRCBINBB', 'Tripped', 'Closed', 'Open', 'SettlementFailures', '2026-12-01 11:00:00+00:00', 'three failures')";

    [Fact]
    public async Task BreakerEvents_ReadTheirStoredNames_AsCoresTypes()
    {
        await ExecuteAsync(BreakerTrip);
        await using SqliteDelTranDbContext db = Db();

        BreakerEventRow row = await db.BreakerEvents.AsNoTracking().SingleAsync();

        Assert.Equal(("participant SRCBINBB", "Tripped", "Closed", "Open", "SettlementFailures"), (row.Subject.ToString(), row.Transition.ToString(), row.FromState.ToString(), row.ToState.ToString(), row.Cause.ToString()));
    }

    [Theory]
    [InlineData("subject = 'participant SRC'", "breaker_events.subject", "participant SRC")]
    [InlineData("transition = 'tripped'", "breaker_events.transition", "tripped")]
    [InlineData("to_state = '1'", "breaker_events.to_state", "1")]
    [InlineData("cause = 'Nobody'", "breaker_events.cause", "Nobody")]
    public async Task BreakerEvents_AreRefused_WhenAStoredNameIsNoMember(string corruption, string column, string value)
    {
        await ExecuteAsync(BreakerTrip);
        await ExecuteAsync("UPDATE breaker_events SET " + corruption);
        await using SqliteDelTranDbContext db = Db();

        await AssertRefusedAsync(() => db.BreakerEvents.AsNoTracking().ToListAsync(), column, value);
    }

    [Theory]
    [InlineData("UPDATE messages SET state = 'completed'", "messages.state", "completed")]
    [InlineData("UPDATE transactions SET state = 'Accepted'", "transactions.state", "Accepted")]
    public async Task PipelineRows_AreRefused_WhenAStoredStateNamesNoState(string corruption, string column, string value)
    {
        Guid message = Guid.CreateVersion7();
        await using (SqliteDelTranDbContext clean = Db())
        {
            clean.Messages.Add(new MessageRow { Id = message, InboundFileId = Guid.NewGuid(), SenderBic = "SRCBINBB", State = MessageLifecycle.Completed, ReceivedAt = DateTimeOffset.UnixEpoch });
            clean.Transactions.Add(new TransactionRow { Id = Guid.CreateVersion7(), MessageId = message, Index = 0, State = TransactionState.Accepted, UpdatedAt = DateTimeOffset.UnixEpoch });
            await clean.SaveChangesAsync();
            Assert.Equal("COMPLETED", await clean.Database.SqlQueryRaw<string>("SELECT state AS \"Value\" FROM messages").SingleAsync());
            Assert.Equal("ACCEPTED", await clean.Database.SqlQueryRaw<string>("SELECT state AS \"Value\" FROM transactions").SingleAsync());
        }

        await ExecuteAsync(corruption);
        await using SqliteDelTranDbContext db = Db();

        Func<Task> read = column.StartsWith("messages", StringComparison.Ordinal) ? () => db.Messages.AsNoTracking().ToListAsync() : () => db.Transactions.AsNoTracking().ToListAsync();
        await AssertRefusedAsync(read, column, value);
    }

    [Fact]
    public async Task SaveChanges_RefusesARow_WhenATypedValueWasNeverSet()
    {
        await using SqliteDelTranDbContext db = Db();
        db.Positions.Add(new PositionRow { ParticipantBic = "SRCBINBB", Currency = default });

        await AssertRefusedAsync(() => db.SaveChangesAsync(), "positions.currency", "never set");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using SqliteDelTranDbContext db = Db();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task AssertRefusedAsync(Func<Task> read, string column, string value)
    {
        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(read);
        StoredValueException refused = Assert.IsType<StoredValueException>(Chain(thrown).OfType<StoredValueException>().FirstOrDefault(), exactMatch: true);
        Assert.Contains(column, refused.Message, StringComparison.Ordinal);
        Assert.Contains(value, refused.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }
}
