using DelTran.Core.Amounts;
using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Clearing;

/// <summary>The liquidity stage's windows are <see cref="OpenWindows"/>: an obligation belongs to its currency's open window.</summary>
public sealed class AcceptanceWindows : IAcceptanceWindows
{
    public Task<Dictionary<Currency, ClearingWindowRow>> GetOrOpenAsync(DelTranDbContext db, IReadOnlyCollection<Currency> currencies, DateTimeOffset acceptedAt, CancellationToken cancellationToken) =>
        OpenWindows.GetOrOpenAsync(db, currencies, acceptedAt, cancellationToken);
}
