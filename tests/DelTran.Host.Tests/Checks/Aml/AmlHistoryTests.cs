using DelTran.Core.Aml;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Checks.Aml;

/// <summary>
/// What the stored AML history gives a batch is what the Core's definition gives over the same flows: each window
/// (now − window, now], the structuring band's floor in and its ceiling out, other currencies counted but not added,
/// other debtors and corridors apart. PostgreSQL computes it in the database, the embedded store in memory.
/// </summary>
public sealed class AmlHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Bic Debtor = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Creditor = Bic.Parse("EPRLAEADXXX");

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task PriorActivity_IsTheCoresOverTheSameFlows_AtEveryWindowEdge(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Aml:DebtorVelocity:MaxCount"] = "3";
        settings["DelTran:Aml:CorridorVelocity:MaxCount"] = "3";
        settings["DelTran:Aml:CorridorVelocity:WindowHours"] = "12";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings, start: false);
        AmlRulebook rulebook = host.Services.GetRequiredService<IOptions<AmlOptions>>().Value.ToRulebook();
        (decimal floor, decimal ceiling) = rulebook.StructuringBand(Currency.Inr) ?? throw new InvalidOperationException("No INR structuring band.");
        TimeSpan structuring = rulebook.Structuring!.Window;
        TimeSpan corridor = rulebook.CorridorVelocity!.Window;

        AmlFlowRow[] flows =
        [
            Flow("D1", floor, Now - structuring),                          // on the window's start: out
            Flow("D1", floor, Now - structuring + TimeSpan.FromSeconds(1)), // just inside
            Flow("D1", ceiling - 0.01m, Now),                              // on its end: in
            Flow("D1", floor, Now + TimeSpan.FromSeconds(1)),              // after now: out
            Flow("D1", 10m, Now - TimeSpan.FromHours(1)),                  // below the band: volume only
            Flow("D1", 500m, Now - TimeSpan.FromHours(1), Currency.Aed),   // another currency and corridor
            Flow("D2", ceiling, Now - TimeSpan.FromHours(2)),              // the ceiling: out of the band
            Flow("D2", floor, Now - corridor - TimeSpan.FromSeconds(1)),   // outside the corridor's window, inside the debtor's
        ];
        await using (DelTranDbContext db = host.Db())
        {
            db.AmlFlows.AddRange(flows);
            await db.SaveChangesAsync();
        }

        AmlTransaction[] batch =
        [
            Payment("D1", Currency.Inr),
            Payment("D1", Currency.Aed),
            Payment("D2", Currency.Inr),
            Payment("D3", Currency.Inr),
        ];
        Func<AmlTransaction, AmlPriorActivity> stored;
        await using (DelTranDbContext db = host.Db())
        {
            stored = await AmlHistory.LoadAsync(db, host.Services.GetRequiredService<IDatabaseDialect>(), batch, rulebook, Now, CancellationToken.None);
        }

        AmlFlow[] history = [.. flows.Select(f => new AmlFlow(f.TransactionId.ToString("D"), f.DebtorKey, f.Corridor, new Money(f.Amount, f.Currency), f.At))];
        Assert.All(batch, payment => Assert.Equal(AmlPriorActivity.From(payment, history, rulebook), stored(payment)));
        // The edges were really met: of D1's four flows in the band two are inside the window; of the INR corridor's
        // six flows three are inside its window.
        Assert.Equal(2, stored(batch[0]).JustBelowThreshold);
        Assert.Equal(3, stored(batch[3]).Corridor.Count);
    }

    private static AmlTransaction Payment(string debtorKey, Currency currency) =>
        new(Guid.NewGuid().ToString("D"), debtorKey, Debtor, Creditor, new Money(100m, currency), Now);

    private static AmlFlowRow Flow(string debtorKey, decimal amount, DateTimeOffset at, Currency? currency = null) => new()
    {
        TransactionId = Guid.NewGuid(),
        DebtorKey = debtorKey,
        Corridor = Corridor.Of(Debtor, Creditor, currency ?? Currency.Inr),
        Currency = currency ?? Currency.Inr,
        Amount = amount,
        At = at,
    };
}
