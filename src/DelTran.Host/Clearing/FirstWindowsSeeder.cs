using DelTran.Core.Amounts;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

/// <summary>Clearing's part of the start-up: every accepted currency has its open clearing window from the start.</summary>
public sealed class FirstWindowsSeeder(IOptions<DelTranOptions> options, TimeProvider clock) : IDatabaseSeeder
{
    public async Task SeedAsync(DelTranDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // A second instance may win the race.
        try
        {
            await OpenWindows.GetOrOpenAsync(db, options.Value.ToRulebook().AcceptedCurrencies.Select(Currency.Parse).ToList(), clock.GetUtcNow(), cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
