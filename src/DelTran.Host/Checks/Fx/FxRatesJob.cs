using DelTran.Host.Infrastructure.Persistence;
namespace DelTran.Host.Checks.Fx;

/// <summary>
/// Every minute: looks at the rates file again (re-reading it only if it changed) and records every version seen,
/// loaded or refused, once. The liquidity stage also picks up a changed file by itself; this job makes sure a
/// refused file raises its alert and is recorded even while no payment needs a conversion.
/// </summary>
public sealed class FxRatesJob(FxRatesProvider rates, Func<DelTranDbContext> databases, TimeProvider clock)
{
    public const string RecurringId = "reload-fx-rates";
    public const string Cron = "* * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        await FxRateVersions.AddUnrecordedAsync(db, rates.Current(), clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
