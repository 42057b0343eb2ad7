using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Infrastructure.Persistence;

/// <summary>
/// On PostgreSQL a stage move that keeps a transaction in a stage is a HOT update (no index entry written, the new
/// version on the same page), and completion still sees which transactions are in flight, through the generated
/// in_flight column and its partial index. The counts come from the database's own statistics.
/// </summary>
public sealed class HotStageMoveTests
{
    [Fact]
    public async Task MovesWithinTheStages_AreHot_AndCompletionSeesTheTransactionsStillInFlight()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using ServiceProvider provider = await PipelineHost.ServicesAsync(new StorageSettings(database.ConnectionString, null, "unused"));
        var dialect = provider.GetRequiredService<IDatabaseDialect>();
        await using DelTranDbContext db = provider.GetRequiredService<Func<DelTranDbContext>>()();
        DateTimeOffset now = DateTimeOffset.UtcNow;

        // One connection throughout, each step in a transaction of its own as the consumers do: a version is pruned
        // from its page only once no transaction can still see it.
        await db.Database.OpenConnectionAsync();
        var message = new MessageRow { Id = Guid.CreateVersion7(), InboundFileId = Guid.NewGuid(), SenderBic = "SRCBINBB", State = MessageLifecycle.Processing, ReceivedAt = now };
        List<TransactionRow> rows = [.. Enumerable.Range(0, 50).Select(i => new TransactionRow
        {
            Id = Guid.CreateVersion7(),
            MessageId = message.Id,
            Index = i,
            EndToEndId = "E2E-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Amount = 100m,
            Currency = "INR",
            // About the size of a real row (names, screening subject).
            DebtorName = new string('n', 300),
            ScreeningSubject = new string('s', 400),
            State = TransactionState.Validated,
            UpdatedAt = now,
        })];
        await InTransactionAsync(db, async () =>
        {
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            await dialect.BulkInsertAsync(db, rows, [], CancellationToken.None);
        });

        // Compliance keeps every transaction in a stage: each new version goes on its own page, in the half the table
        // keeps free, and no index is written.
        await InTransactionAsync(db, () => dialect.ApplyTransitionsAsync(db, TransactionState.Validated, Moves(rows, TransactionState.Screened, "compliance", now), [], CancellationToken.None));
        Assert.Equal((50L, 50L), await UpdatesAsync(db));

        // Risk keeps them in a stage too; whether its versions find room depends on when their pages are pruned, which
        // is the server's business, so only the count is checked.
        await InTransactionAsync(db, () => dialect.ApplyTransitionsAsync(db, TransactionState.Screened, Moves(rows, TransactionState.RiskChecked, "risk", now), [], CancellationToken.None));
        (long updates, long hotWithinStages) = await UpdatesAsync(db);
        Assert.Equal(100L, updates);
        Assert.True(await dialect.AnyInFlightAsync(db, message.Id, CancellationToken.None));

        // Liquidity decides them all: leaving the stages changes in_flight, so those moves are never HOT.
        await InTransactionAsync(db, () => dialect.ApplyTransitionsAsync(db, TransactionState.RiskChecked, Moves(rows[..49], TransactionState.Accepted, "liquidity", now), [], CancellationToken.None));
        Assert.True(await dialect.AnyInFlightAsync(db, message.Id, CancellationToken.None));
        await InTransactionAsync(db, () => dialect.ApplyTransitionsAsync(db, TransactionState.RiskChecked, Moves(rows[49..], TransactionState.Rejected, "liquidity", now), [], CancellationToken.None));
        Assert.False(await dialect.AnyInFlightAsync(db, message.Id, CancellationToken.None));
        Assert.Equal((150L, hotWithinStages), await UpdatesAsync(db));

        // The rejected one now carries its rejection instant for the audit pack's index, the accepted ones none, and the
        // moves within the stages above stayed HOT with that index in place.
        var rejections = await db.Transactions.Where(t => t.MessageId == message.Id)
            .Select(t => new { t.State, t.UpdatedAt, RejectedAt = EF.Property<DateTimeOffset?>(t, PostgresDelTranDbContext.RejectedAt) }).ToListAsync();
        Assert.Equal(49, rejections.Count(r => r.State == TransactionState.Accepted && r.RejectedAt is null));
        Assert.Single(rejections, r => r.State == TransactionState.Rejected && r.RejectedAt == r.UpdatedAt);

        // The state history is complete all the same.
        Assert.Equal(150, await db.TransactionEvents.CountAsync(e => rows.Select(r => r.Id).Contains(e.TransactionId)));
    }

    private static async Task InTransactionAsync(DelTranDbContext db, Func<Task> work)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await work();
        await transaction.CommitAsync();
    }

    private static List<Transition> Moves(IEnumerable<TransactionRow> rows, TransactionState to, string stage, DateTimeOffset at) =>
        [.. rows.Select(r => new Transition(r.Id, to, to == TransactionState.Rejected ? "AM04" : null, null, stage, at))];

    // The table's updates so far, and how many were HOT: this session's statistics are flushed first (PostgreSQL 15).
    private static async Task<(long Updates, long Hot)> UpdatesAsync(DelTranDbContext db)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_stat_force_next_flush()");
        var counts = await db.Database.SqlQuery<UpdateCounts>(
            $"SELECT n_tup_upd AS \"Updates\", n_tup_hot_upd AS \"Hot\" FROM pg_stat_user_tables WHERE relname = 'transactions'").SingleAsync();
        return (counts.Updates, counts.Hot);
    }

    private sealed class UpdateCounts
    {
        public long Updates { get; set; }

        public long Hot { get; set; }
    }
}
