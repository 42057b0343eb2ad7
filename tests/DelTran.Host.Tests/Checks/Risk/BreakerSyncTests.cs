using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Risk;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Checks.Risk;

/// <summary>
/// Two instances of one installation (one PostgreSQL database, one RabbitMQ, one queue prefix) keep one breaker
/// state: a trip recorded on one refuses on the other, an operator's reset on the other closes it on the first, and an
/// instance started later reopens what was left open.
/// </summary>
public sealed class BreakerSyncTests
{
    private static readonly Bic Debtor = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Creditor = Bic.Parse("EPRLAEADXXX");
    private static readonly Corridor Route = Corridor.Of(Debtor, Creditor, Currency.Inr);
    private static readonly BreakerSubject Subject = BreakerSubject.ForParticipant("SRCBINBB");

    [Fact]
    public async Task ATripOnOneInstance_RefusesOnTheOther_AndAResetThereClosesItOnBoth()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        var installation = new SharedInstallation("brk" + Guid.NewGuid().ToString("N")[..10], null, database);
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Risk:Breakers:Participant:MinimumVolume"] = "2";
        settings["DelTran:Risk:Breakers:Participant:RejectRateThreshold"] = "0.5";
        await using PipelineHost a = await PipelineHost.StartAsync(PipelineMode.Production, settings, installation);
        await using PipelineHost b = await PipelineHost.StartAsync(PipelineMode.Production, settings, installation);
        BreakerService onA = a.Services.GetRequiredService<BreakerService>();
        BreakerService onB = b.Services.GetRequiredService<BreakerService>();
        Assert.True(onB.Check(Debtor, Creditor, Route, DateTimeOffset.UtcNow).Allowed);

        // On A, as its risk stage does: two refusals trip the debtor's breaker, recorded with their outbox rows.
        IReadOnlyList<BreakerEvent> trip = [.. onA.RecordTransaction(Debtor, Route, BreakerOutcome.Rejected, DateTimeOffset.UtcNow), .. onA.RecordTransaction(Debtor, Route, BreakerOutcome.Rejected, DateTimeOffset.UtcNow)];
        Assert.Contains(trip, e => e.Subject == Subject && e.Transition == BreakerTransition.Tripped);
        await RecordAsync(a, onA, trip);

        BreakerVerdict refused = await WaitForAsync(() => onB.Check(Debtor, Creditor, Route, DateTimeOffset.UtcNow), v => !v.Allowed, "B to refuse after A's trip");
        Assert.Equal(("AG10", (BreakerSubject?)Subject), (refused.ReasonCode, refused.RefusedBy));

        // A payment now meets a refusing breaker whichever instance runs its risk stage.
        Guid fileId = await b.SubmitAsync("SRCBINBB", System.Text.Encoding.UTF8.GetString(TestMessages.Pacs008(TestMessages.UniqueMsgId("BRKSYNC"), 1)));
        MessageRow message = await b.WaitForCompletionAsync(fileId);
        TransactionRow payment = Assert.Single(await b.TransactionsAsync(message.Id));
        Assert.Equal((TransactionState.Rejected, "AG10"), (payment.State, payment.ReasonCode));

        // An instance started after the trip was published reopens the breaker from breaker_events.
        await using (PipelineHost c = await PipelineHost.StartAsync(PipelineMode.Production, settings, installation))
        {
            BreakerService onC = c.Services.GetRequiredService<BreakerService>();
            BreakerVerdict restored = await WaitForAsync(() => onC.Check(Debtor, Creditor, Route, DateTimeOffset.UtcNow), v => !v.Allowed, "C to restore the open breaker");
            Assert.Equal("AG10", restored.ReasonCode);
        }

        // An operator's reset on B reaches A.
        await RecordAsync(b, onB, onB.Reset(Subject, "False alarm (by ops)", DateTimeOffset.UtcNow));
        Assert.True(onB.Check(Debtor, Creditor, Route, DateTimeOffset.UtcNow).Allowed);
        await WaitForAsync(() => onA.Check(Debtor, Creditor, Route, DateTimeOffset.UtcNow), v => v.Allowed, "A to close after B's reset");
        Assert.Equal(BreakerState.Closed, onA.Snapshot(DateTimeOffset.UtcNow).Single(s => s.Subject == Subject).State);
    }

    private static async Task RecordAsync(PipelineHost host, BreakerService breakers, IReadOnlyList<BreakerEvent> events)
    {
        await using DelTranDbContext db = host.Db();
        breakers.Record(db, events);
        await db.SaveChangesAsync();
        host.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        T value = read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last {value}.");
            }

            await Task.Delay(50);
            value = read();
        }

        return value;
    }
}

/// <summary>The start-up restore reads breaker_events on both databases: the latest trip, recovery or reset decides.</summary>
public sealed class BreakerRestoreTests
{
    private static readonly Bic Debtor = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Creditor = Bic.Parse("EPRLAEADXXX");
    private static readonly Corridor Route = Corridor.Of(Debtor, Creditor, Currency.Inr);

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task RestoreAsync_ReopensOnlyTheBreakersWhoseLatestChangeIsATrip(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, start: false);
        var settings = Microsoft.Extensions.Options.Options.Create(new BreakerSettings());
        var earlier = new BreakerService(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<BreakerService>.Instance);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Bic other = Bic.Parse("EPRLAEADXXX");
        var events = new List<BreakerEvent>();
        events.AddRange(earlier.RecordSettlement("SRCBINBB", settled: false, now.AddMinutes(-2)));
        events.AddRange(earlier.RecordSettlement("EPRLAEAD", settled: false, now.AddMinutes(-2)));
        events.AddRange(earlier.Reset(BreakerSubject.ForParticipant("EPRLAEAD"), "False alarm (by ops)", now.AddMinutes(-1)));
        Assert.Equal(3, events.Count);
        await using (DelTranDbContext db = host.Db())
        {
            earlier.Record(db, events);
            await db.SaveChangesAsync();
        }

        var restarted = new BreakerService(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<BreakerService>.Instance);
        await using (DelTranDbContext db = host.Db())
        {
            Assert.Equal(1, await restarted.RestoreAsync(db, CancellationToken.None));
        }

        Assert.Equal("AG10", restarted.Check(Debtor, Creditor, Route, now).ReasonCode);
        Assert.True(restarted.Check(other, Debtor, Corridor.Of(other, Debtor, Currency.Aed), now).Allowed);
    }
}
