using DelTran.Core.Aml;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Checks.Aml;

/// <summary>
/// The AML history is pruned to what the rules can still read: flows older than the longest rule window plus the margin
/// go, in batches; the others stay; and the prior activity and the decisions for a new payment are the same after it.
/// </summary>
public sealed class AmlFlowRetentionJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Bic Debtor = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Creditor = Bic.Parse("EPRLAEADXXX");
    private static readonly Corridor Route = Corridor.Of(Debtor, Creditor, Currency.Inr);

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Run_DeletesOnlyFlowsNoRuleReads_AndLeavesTheDecisionsUnchanged(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Aml:DebtorVelocity:MaxCount"] = "3";
        settings["DelTran:Aml:CorridorVelocity:MaxCount"] = "3";
        settings["DelTran:Aml:CorridorVelocity:WindowHours"] = "12";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings, start: false);
        AmlRulebook rulebook = host.Services.GetRequiredService<IOptions<AmlOptions>>().Value.ToRulebook();
        Assert.Equal(TimeSpan.FromHours(24), rulebook.LongestWindow);

        // With the default margin of a day, everything before Now − 48 h goes. Seven old flows, in batches of three.
        var old = new[] { 49, 50, 60, 72, 100, 200, 1000 }.Select(h => Flow("D1", 950_000m, Now.AddHours(-h))).ToList();
        var kept = new List<AmlFlowRow>
        {
            Flow("D1", 950_000m, Now.AddHours(-47)),    // outside every window, inside the margin
            Flow("D1", 950_000m, Now.AddHours(-23)),    // structuring and debtor velocity
            Flow("D1", 960_000m, Now.AddMinutes(-30)),
            Flow("D2", 10_000m, Now.AddHours(-2)),      // corridor velocity
        };
        await using (DelTranDbContext db = host.Db())
        {
            db.AmlFlows.AddRange([.. old, .. kept]);
            await db.SaveChangesAsync();
        }

        AmlTransaction payment = new(Guid.NewGuid().ToString("D"), "D1", Debtor, Creditor, new Money(970_000m, Currency.Inr), Now);
        (AmlPriorActivity priorBefore, AmlAssessment decisionBefore) = await AssessAsync(host, payment, rulebook);
        Assert.Equal(new AmlPriorActivity(2, new AmlVolume(2, 1_910_000m), new AmlVolume(2, 970_000m)), priorBefore);

        var job = new AmlFlowRetentionJob(
            host.Db,
            host.Services.GetRequiredService<IDatabaseDialect>(),
            host.Services.GetRequiredService<IOptions<AmlOptions>>(),
            Options.Create(new AmlRetentionOptions { BatchSize = 3 }),
            new FixedClock(Now),
            NullLogger<AmlFlowRetentionJob>.Instance);
        Assert.Equal(old.Count, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        await using (DelTranDbContext db = host.Db())
        {
            Assert.Equal(kept.Select(f => f.TransactionId).Order(), (await db.AmlFlows.Select(f => f.TransactionId).ToListAsync()).Order());
        }

        (AmlPriorActivity priorAfter, AmlAssessment decisionAfter) = await AssessAsync(host, payment, rulebook);
        Assert.Equal(priorBefore, priorAfter);
        Assert.Equal(decisionBefore.Alerts, decisionAfter.Alerts);
        Assert.Contains(decisionAfter.Alerts, a => a.RuleId.Contains("STRUCTURING", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_NameABadMarginBatchSizeAndCron()
    {
        var options = new AmlRetentionOptions { Margin = TimeSpan.FromHours(-1), BatchSize = 0, Cron = "every hour" };

        Assert.Equal(3, options.Problems().Count);
        Assert.Empty(new AmlRetentionOptions().Problems());
    }

    private static async Task<(AmlPriorActivity Prior, AmlAssessment Decision)> AssessAsync(PipelineHost host, AmlTransaction payment, AmlRulebook rulebook)
    {
        await using DelTranDbContext db = host.Db();
        Func<AmlTransaction, AmlPriorActivity> stored = await AmlHistory.LoadAsync(db, host.Services.GetRequiredService<IDatabaseDialect>(), [payment], rulebook, Now, CancellationToken.None);
        return (stored(payment), Assert.Single(AmlRules.AssessBatch([payment], stored, rulebook)));
    }

    private static AmlFlowRow Flow(string debtorKey, decimal amount, DateTimeOffset at) => new()
    {
        TransactionId = Guid.NewGuid(),
        DebtorKey = debtorKey,
        Corridor = Route,
        Currency = Currency.Inr,
        Amount = amount,
        At = at,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
