using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>
/// The outcome of netting one window: each participant's multilateral position, every bilateral pair and the
/// totals per currency. Lists are sorted (ordinal) so two runs over the same obligations compare equal item by item.
/// </summary>
public sealed record NettingResult(
    IReadOnlyList<NetPosition> Positions,
    IReadOnlyList<BilateralPosition> Bilateral,
    IReadOnlyList<CurrencyNettingTotals> Totals);

/// <summary>
/// A participant's multilateral position in one currency: what it owes (<see cref="Debit"/>) and is owed
/// (<see cref="Credit"/>) over the window, and how many obligations each side counts.
/// </summary>
public sealed record NetPosition(string Participant, Currency Currency, decimal Debit, decimal Credit, int ObligationsPaid, int ObligationsReceived)
{
    /// <summary>Credit − Debit: negative for a net debtor, which pays at settlement; positive for a net creditor.</summary>
    public decimal Net => Credit - Debit;
}

/// <summary>What two participants owe each other in one currency; <see cref="ParticipantA"/> sorts before <see cref="ParticipantB"/> (ordinal).</summary>
public sealed record BilateralPosition(string ParticipantA, string ParticipantB, Currency Currency, decimal AOwesB, decimal BOwesA)
{
    /// <summary>A's bilateral net: positive when A receives from B.</summary>
    public decimal Net => BOwesA - AOwesB;
}

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
