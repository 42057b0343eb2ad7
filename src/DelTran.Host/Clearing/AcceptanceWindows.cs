using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Clearing;

/// <summary>The liquidity stage's windows are <see cref="OpenWindows"/>: an obligation belongs to its currency's open window.</summary>
public sealed class AcceptanceWindows : IAcceptanceWindows
{
    public Task<Dictionary<string, ClearingWindowRow>> GetOrOpenAsync(DelTranDbContext db, IReadOnlyCollection<string> currencies, DateTimeOffset acceptedAt, CancellationToken cancellationToken) =>
        OpenWindows.GetOrOpenAsync(db, currencies, acceptedAt, cancellationToken);
}
