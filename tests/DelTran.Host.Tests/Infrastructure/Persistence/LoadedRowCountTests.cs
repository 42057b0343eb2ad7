using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DelTran.Host.Tests.Infrastructure.Persistence;

/// <summary>
/// An ANALYZE from another session (autovacuum's, in production) while a bulk load is uncommitted counts none of the
/// load's rows, so the planner is told the table is empty however many pages it has, and plans the stage moves of
/// the loaded message as scans of the whole table. The loader counts its rows itself, in its own transaction.
/// </summary>
public sealed class LoadedRowCountTests
{
    [Theory]
    [InlineData(PostgresDialect.LoadWorthCounting, true)]
    [InlineData(PostgresDialect.LoadWorthCounting - 1, false)]
    public async Task ALargeLoad_IsCountedInItsOwnTransaction_WhateverAnotherSessionAnalysedMeanwhile(int rows, bool counted)
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using ServiceProvider provider = await PipelineHost.ServicesAsync(new StorageSettings(database.ConnectionString, null, "unused"));
        var dialect = provider.GetRequiredService<IDatabaseDialect>();
        await using DelTranDbContext db = provider.GetRequiredService<Func<DelTranDbContext>>()();
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        DateTimeOffset now = DateTimeOffset.UtcNow;

        await using var load = await db.Database.BeginTransactionAsync();
        var message = new MessageRow { Id = Guid.CreateVersion7(), InboundFileId = Guid.NewGuid(), SenderBic = "SRCBINBB", State = MessageLifecycle.Received, ReceivedAt = now };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        await dialect.BulkInsertAsync(db, [.. Enumerable.Range(0, rows).Select(i => new TransactionRow
        {
            Id = Guid.CreateVersion7(),
            MessageId = message.Id,
            Index = i,
            Amount = 100m,
            Currency = "INR",
            State = TransactionState.Validated,
            UpdatedAt = now,
        })], [], CancellationToken.None);

        // What autovacuum does on a table whose committed content is small: the uncommitted load counts for nothing.
        await ExecuteAsync(other, "ANALYZE transactions");
        Assert.Equal(0d, await BelievedRowsAsync(other));

        await dialect.CountLoadedTransactionsAsync(db, rows, CancellationToken.None);

        if (counted)
        {
            // Counted at once (pg_class is updated in place), before the commit; the sample covers every page here.
            Assert.Equal(rows, await BelievedRowsAsync(other));

            // And no other ANALYZE can tell the planner otherwise before the load commits: it waits for the loader.
            await ExecuteAsync(other, "SET lock_timeout = '200ms'");
            var waited = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(other, "ANALYZE transactions"));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, waited.SqlState);
        }
        else
        {
            // A small load is not worth a sample: a plan over the whole of so few rows is still cheap.
            Assert.Equal(0d, await BelievedRowsAsync(other));
        }

        await load.CommitAsync();
        Assert.Equal(rows, await db.Transactions.CountAsync(t => t.MessageId == message.Id));
    }

    [Fact]
    public async Task TheIngest_CountsALargeMessage_InTheServiceAsRun()
    {
        const int count = PostgresDialect.LoadWorthCounting;
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);
        await using (DelTranDbContext db = server.Db())
        {
            // With autovacuum off for the table, only the ingest can count the message's rows.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE transactions SET (autovacuum_enabled = false)");
        }

        await using var other = new NpgsqlConnection(server.Database!.ConnectionString);
        await other.OpenAsync();
        Assert.Equal(-1d, await BelievedRowsAsync(other));

        Guid id = await server.SubmitAcceptedAsync("SRCBINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("COUNTED"), count));
        await server.WaitForCompletionAsync("SRCBINBB", id, TimeSpan.FromMinutes(3));

        Assert.Equal(count, await BelievedRowsAsync(other));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> BelievedRowsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT reltuples::float8 FROM pg_class WHERE oid = 'transactions'::regclass", connection);
        return (double)(await command.ExecuteScalarAsync())!;
    }
}
