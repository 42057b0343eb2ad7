using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Liquidity;

/// <summary>The liquidity stage as a plain function over state the caller loads: no clock, no I/O.</summary>
public static class LiquidityEngine
{
    /// <summary>
    /// Decides each candidate in order; an accepted one updates the projected positions before the next is decided,
    /// so earlier candidates consume coverage first. A position is negative when the participant is a net debtor.
    /// The rules, first failure wins:
    /// <list type="number">
    /// <item>the currency is not one DelTran settles: AM03 NotAllowedCurrency;</item>
    /// <item>no corridor from the debtor agent's country to the creditor agent's in that currency: AG01
    /// TransactionForbidden. AG01 was named NoAgreement before ISO renamed it, and that is the case here: DelTran has
    /// no agreement to clear that route. AG03 TransactionNotSupported speaks of a transaction type on an account,
    /// which a route is not;</item>
    /// <item>the debtor's projected net debit after this debit would exceed what its settlement account makes available
    /// (<see cref="AvailableFunds.Available"/>: balance plus credit line, less what is reserved): AM04 InsufficientFunds. A debtor without a settlement account in the currency has no coverage.
    /// Exact coverage is accepted.</item>
    /// </list>
    /// </summary>
    public static LiquidityEvaluation Evaluate(
        IReadOnlyList<ObligationCandidate> candidates,
        Corridors corridors,
        IReadOnlyDictionary<PositionKey, AvailableFunds> accounts,
        IReadOnlyDictionary<PositionKey, decimal> projectedPositions)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(corridors);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(projectedPositions);

        var current = new Dictionary<PositionKey, decimal>(projectedPositions);
        var changes = new Dictionary<PositionKey, decimal>();
        var decisions = new List<LiquidityDecision>(candidates.Count);
        foreach (ObligationCandidate candidate in candidates)
        {
            LiquidityDecision decision = Decide(candidate, corridors, accounts, current);
            if (decision.Accepted)
            {
                PositionChanges.Accept(current, changes, candidate);
            }

            decisions.Add(decision);
        }

        return new LiquidityEvaluation(decisions, current, changes);
    }

    private static LiquidityDecision Decide(
        ObligationCandidate candidate,
        Corridors corridors,
        IReadOnlyDictionary<PositionKey, AvailableFunds> accounts,
        Dictionary<PositionKey, decimal> positions)
    {
        Currency currency = candidate.Amount.Currency;
        if (!corridors.IsCurrencyAllowed(currency))
        {
            return LiquidityDecision.Reject(candidate.ObligationId, ReasonCode.AM03, $"DelTran does not settle {currency.Code}.");
        }

        Corridor corridor = candidate.Corridor;
        if (!corridors.IsAllowed(corridor))
        {
            return LiquidityDecision.Reject(candidate.ObligationId, ReasonCode.AG01, $"No corridor {corridor} is configured.");
        }

        PositionKey debtor = candidate.DebtorKey;
        if (debtor == candidate.CreditorKey)
        {
            return LiquidityDecision.Accept(candidate.ObligationId); // between branches of one participant: no net effect
        }

        decimal netDebit = Math.Max(0m, candidate.Amount.Amount - positions.GetValueOrDefault(debtor));
        AvailableFunds? funds = accounts.GetValueOrDefault(debtor);
        decimal coverage = funds?.Available ?? 0m;
        if (netDebit > coverage)
        {
            string cover = funds is { Reserved: > 0 } ? $"its balance and credit line, less {funds.Reserved} reserved for settlements under way, cover" : "its balance and credit line cover";
            return LiquidityDecision.Reject(
                candidate.ObligationId,
                ReasonCode.AM04,
                string.Create(CultureInfo.InvariantCulture, $"{debtor} would owe {netDebit} at settlement; {cover} {coverage}."));
        }

        return LiquidityDecision.Accept(candidate.ObligationId);
    }

}
