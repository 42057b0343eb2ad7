using DelTran.Host.Checks.Screening;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Checks.Screening;

/// <summary>
/// The row of a sanctions list set is written before the compliance batches that name it. On PostgreSQL it is committed
/// on its own, so concurrent batches (of one instance or of several) never queue on one another's uncommitted insert.
/// </summary>
public sealed class ScreeningListSetRecorderTests
{
    [Fact]
    public async Task OnPostgres_TheSetIsCommittedOnItsOwn_AndAnotherBatchDoesNotWaitForTheFirstToCommit()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using ServiceProvider provider = await PipelineHost.ServicesAsync(new StorageSettings(database.ConnectionString, null, "unused"));
        var factory = provider.GetRequiredService<Func<DelTranDbContext>>();
        var dialect = provider.GetRequiredService<IDatabaseDialect>();
        ScreeningSnapshot lists = provider.GetRequiredService<SanctionsProvider>().Snapshot;
        DateTimeOffset now = DateTimeOffset.UtcNow;

        await using DelTranDbContext firstBatch = factory();
        await using var first = await firstBatch.Database.BeginTransactionAsync();
        await provider.GetRequiredService<ScreeningListSetRecorder>().EnsureRecordedAsync(firstBatch, dialect, lists, now, CancellationToken.None);

        // Another instance's batch, while the first is still open: it must not wait for the first to commit.
        await using DelTranDbContext secondBatch = factory();
        await using var second = await secondBatch.Database.BeginTransactionAsync();
        await new ScreeningListSetRecorder(factory).EnsureRecordedAsync(secondBatch, dialect, lists, now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // The first batch fails; the set's row stays, once.
        await first.RollbackAsync();
        await second.CommitAsync();
        await using DelTranDbContext check = factory();
        ScreeningListSetRow row = await check.ScreeningListSets.AsNoTracking().SingleAsync();
        Assert.Equal((lists.Fingerprint, lists.Description), (row.Id, row.Versions));
    }

    [Fact]
    public async Task OnTheEmbeddedStore_TheSetIsWrittenInTheBatchesTransaction_AndGoesWithItsRollback()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-listsets-").FullName;
        try
        {
            await using (ServiceProvider provider = await PipelineHost.ServicesAsync(new StorageSettings(null, null, Path.Combine(folder, "deltran.db"))))
            {
                var factory = provider.GetRequiredService<Func<DelTranDbContext>>();
                var recorder = provider.GetRequiredService<ScreeningListSetRecorder>();
                var dialect = provider.GetRequiredService<IDatabaseDialect>();
                ScreeningSnapshot lists = provider.GetRequiredService<SanctionsProvider>().Snapshot;

                await using (DelTranDbContext failed = factory())
                {
                    await using var transaction = await failed.Database.BeginTransactionAsync();
                    await recorder.EnsureRecordedAsync(failed, dialect, lists, DateTimeOffset.UtcNow, CancellationToken.None);
                    Assert.Equal(1, await failed.ScreeningListSets.CountAsync());
                    await transaction.RollbackAsync();
                }

                await using (DelTranDbContext committed = factory())
                {
                    Assert.Equal(0, await committed.ScreeningListSets.CountAsync());
                    await using var transaction = await committed.Database.BeginTransactionAsync();
                    await recorder.EnsureRecordedAsync(committed, dialect, lists, DateTimeOffset.UtcNow, CancellationToken.None);
                    await transaction.CommitAsync();
                    Assert.Equal(lists.Fingerprint, (await committed.ScreeningListSets.AsNoTracking().SingleAsync()).Id);
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
