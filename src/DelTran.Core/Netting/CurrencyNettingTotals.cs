using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>Gross and net totals of one currency in a window.</summary>
public sealed record CurrencyNettingTotals(
    Currency Currency,
    long ObligationCount,
    decimal ObligationSum,
    decimal GrossDebits,
    decimal GrossCredits,
    decimal SumOfNets,
    decimal SumOfAbsoluteNets)
{
    /// <summary>
    /// The share of gross value that netting removes: 1 − Σ|net| / (GrossDebits + GrossCredits). It lies in [0, 1]
    /// because each participant's |net| is at most its debit plus its credit; 0 when the currency moved nothing.
    /// Computed from the other members, so a <c>with</c> copy never carries a stale value.
    /// </summary>
    public decimal Efficiency
    {
        get
        {
            decimal gross = GrossDebits + GrossCredits;
            return gross == 0m ? 0m : 1m - (SumOfAbsoluteNets / gross);
        }
    }
}
