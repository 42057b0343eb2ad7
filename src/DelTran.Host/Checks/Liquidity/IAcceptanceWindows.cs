using DelTran.Core.Amounts;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Checks.Liquidity;

/// <summary>
/// The clearing window an obligation accepted now belongs to, per currency: the open one, a currency's first opened
/// when it never had one. The liquidity stage stamps each obligation with it; which window is open is Clearing's rule
/// (its OpenWindows), given here by the composition.
/// </summary>
public interface IAcceptanceWindows
{
    /// <summary>The open window of each currency, in the caller's transaction (under the window guard).</summary>
    Task<Dictionary<Currency, ClearingWindowRow>> GetOrOpenAsync(DelTranDbContext db, IReadOnlyCollection<Currency> currencies, DateTimeOffset acceptedAt, CancellationToken cancellationToken);
}
