using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Ingest;

/// <summary>No transaction is lost and none is counted twice: duplicates, crashes, redeliveries, two instances.</summary>
public sealed class DeliveryGuaranteeTests
{
    private static string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "a" + g[20..] : "";

    private static string Message(string msgId, params (string E2E, string Uetr, string Amount)[] txs)
    {
        var builder = new Pacs008Builder { MessageId = msgId };
        foreach ((string e2e, string uetr, string amount) in txs)
        {
            builder.Add(tx => { tx.EndToEndId = e2e; tx.Uetr = uetr; tx.Amount = amount; });
        }

        return builder.Build();
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Pipeline_RejectsRepeatedBytesMessageIdsAndUetrs(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode);
        string u1 = Uetr(), u2 = Uetr();
        string first = Message("DUP-1", ("A", u1, "100.00"), ("B", u2, "200.00"));

        MessageRow original = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", first));
        Assert.Equal("ACCP", original.GroupStatus);

        // The same bytes again: recognised, not stored or processed twice.
        IngestResult again = await host.Ingest.StoreAsync("SRCBINBB", "test", "again.xml", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(first)), CancellationToken.None);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);

        // The same message id from the same sender, other content: AM05 for the whole message.
        MessageRow am05 = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", Message("DUP-1", ("C", Uetr(), "300.00"))));
        Assert.Equal("RJCT", am05.GroupStatus);
        Assert.Contains("AM05", am05.RejectReasons, StringComparison.Ordinal);

        // A UETR seen before: DUPL for that transaction only; with different content, also suspicious.
        MessageRow dupl = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", Message("DUP-2", ("A", u1, "100.00"), ("D", Uetr(), "400.00"), ("B2", u2, "999.00"))));
        List<TransactionRow> rows = await host.TransactionsAsync(dupl.Id);
        Assert.Equal("PART", dupl.GroupStatus);
        Assert.Equal((TransactionState.Rejected, "DUPL"), (rows[0].State, rows[0].ReasonCode));
        Assert.Equal(TransactionState.Accepted, rows[1].State);
        Assert.Equal((TransactionState.Rejected, "DUPL"), (rows[2].State, rows[2].ReasonCode));
        Assert.Contains("different content", rows[2].ReasonText, StringComparison.Ordinal);

        await using DelTranDbContext db = host.Db();
        Assert.Equal(3, await db.InboundFiles.CountAsync());
        Assert.Equal(3, await db.Obligations.CountAsync());
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Outbox_PublishesAfterACrashBetweenCommitAndPublish_AndARepublishChangesNothing(PipelineMode mode)
    {
        var shared = new SharedInstallation("crash" + Guid.NewGuid().ToString("N")[..8], mode == PipelineMode.Embedded ? Directory.CreateTempSubdirectory("deltran-crash-").FullName : null, mode == PipelineMode.Production ? await PostgresDatabase.CreateAsync() : null);
        try
        {
            Guid fileId;

            // The file is committed with its outbox row, but the process dies before any dispatcher runs.
            await using (PipelineHost crashed = await PipelineHost.StartAsync(mode, shared: shared, start: false))
            {
                fileId = await crashed.SubmitAsync("SRCBINBB", Message("CRASH-1", ("X", Uetr(), "10.00")));
                await using DelTranDbContext db = crashed.Db();
                Assert.Equal(1, await db.Outbox.CountAsync(o => o.DispatchedAt == null));
            }

            // After the restart the row is published and the file processed, once.
            await using PipelineHost restarted = await PipelineHost.StartAsync(mode, shared: shared);
            MessageRow message = await restarted.WaitForCompletionAsync(fileId);
            Assert.Equal("ACCP", message.GroupStatus);

            // A crash after publishing but before marking the row would publish it again: nothing changes.
            await using (DelTranDbContext db = restarted.Db())
            {
                await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, (DateTimeOffset?)null));
            }

            await WaitUntilAsync(restarted, async db => !await db.Outbox.AnyAsync(o => o.DispatchedAt == null));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using (DelTranDbContext db = restarted.Db())
            {
                Assert.Equal(1, await db.Messages.CountAsync());
                Assert.Equal(1, await db.Transactions.CountAsync());
                Assert.Equal(1, await db.Obligations.CountAsync());
                Assert.Equal(1, await db.StatusReports.CountAsync());
                // RECEIVED and VALIDATED at ingest, then SCREENED, RISK_CHECKED and ACCEPTED: each once.
                Assert.Equal(5, await db.TransactionEvents.CountAsync());
            }
        }
        finally
        {
            if (shared.Database is not null)
            {
                await shared.Database.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Consumers_IgnoreARedeliveredCommand(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode);
        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", Message("REDELIVER-1", ("R", Uetr(), "10.00"))));
        Guid[] ids = [.. (await host.TransactionsAsync(message.Id)).Select(t => t.Id)];

        // The same command id again, and a fresh id over transactions that have moved on: both change nothing.
        var publish = host.Services.GetRequiredService<IBus>();
        await using (DelTranDbContext db = host.Db())
        {
            ConsumedMessageRow consumed = await db.ConsumedMessages.FirstAsync(c => c.Consumer == nameof(LiquidityConsumer));
            await publish.Publish(new CheckLiquidity(consumed.MessageId, message.Id, ids));
        }

        var fresh = new CheckRisk(Guid.NewGuid(), message.Id, ids);
        await publish.Publish(fresh);
        await WaitUntilAsync(host, db => db.ConsumedMessages.AnyAsync(c => c.MessageId == fresh.CommandId));

        await using (DelTranDbContext db = host.Db())
        {
            Assert.Equal(1, await db.Obligations.CountAsync());
            Assert.Equal(5, await db.TransactionEvents.CountAsync());
            Assert.Equal(-10m, (await db.Positions.SingleAsync(p => p.ParticipantBic == "SRCBINBB")).NetPosition);
        }
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task TwoInstances_ShareTheWork_AndProcessEachTransactionOnce(PipelineMode mode)
    {
        var shared = new SharedInstallation("pair" + Guid.NewGuid().ToString("N")[..8], mode == PipelineMode.Embedded ? Directory.CreateTempSubdirectory("deltran-pair-").FullName : null, mode == PipelineMode.Production ? await PostgresDatabase.CreateAsync() : null);
        try
        {
            await using PipelineHost one = await PipelineHost.StartAsync(mode, shared: shared);
            await using PipelineHost two = await PipelineHost.StartAsync(mode, shared: shared);
            var files = new List<Guid>();
            for (int m = 0; m < 6; m++)
            {
                var txs = Enumerable.Range(0, 700).Select(i => ($"E{m}-{i}", Uetr(), "1.00")).ToArray();
                files.Add(await (m % 2 == 0 ? one : two).SubmitAsync("SRCBINBB", Message($"PAIR-{m}", txs)));
            }

            foreach (Guid file in files)
            {
                Assert.Equal("ACCP", (await one.WaitForCompletionAsync(file, TimeSpan.FromMinutes(3))).GroupStatus);
            }

            await using DelTranDbContext db = one.Db();
            Assert.Equal(4200, await db.Transactions.CountAsync(t => t.State == TransactionState.Accepted));
            Assert.Equal(4200, await db.Obligations.CountAsync());
            Assert.Equal(4200 * 5, await db.TransactionEvents.CountAsync());
            Assert.Equal(-4200m, (await db.Positions.SingleAsync(p => p.ParticipantBic == "SRCBINBB")).NetPosition);
        }
        finally
        {
            if (shared.Database is not null)
            {
                await shared.Database.DisposeAsync();
            }
        }
    }

    private static async Task WaitUntilAsync(PipelineHost host, Func<DelTranDbContext, Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using DelTranDbContext db = host.Db();
            if (await condition(db))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Condition not reached.");
    }
}
