using System.Globalization;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// The risk stage as a plain function, in the manner of Mojaloop's position engine: the caller loads the open
/// window's positions and locks them, calls <see cref="Evaluate"/>, and saves the changes with the decisions in one
/// transaction. No clock, no I/O, no state of its own.
/// </summary>
public static class RiskEngine
{
    /// <summary>
    /// Decides each candidate in order, against the positions as updated by the candidates accepted before it:
    /// an earlier candidate consumes the cap first, so the same set in another order may decide differently.
    /// A position is negative when the participant is a net debtor. The rules, first failure wins:
    /// <list type="number">
    /// <item>amount zero (AM01) or negative (AM12): the validator rejects these first, so this is only a guard;</item>
    /// <item>amount over the currency's maximum per transaction: AM02 NotAllowedAmount;</item>
    /// <item>amount over the corridor's maximum per transaction: AM02 NotAllowedAmount;</item>
    /// <item>the debtor's position after the debit below minus its net debit cap: AM14 AmountExceedsAgreedLimit.
    /// Reaching the cap exactly is allowed.</item>
    /// </list>
    /// An accepted candidate debits the debtor and credits the creditor by the same amount, so the changes sum to
    /// zero per currency.
    /// </summary>
    public static RiskEvaluation Evaluate(IReadOnlyList<ObligationCandidate> candidates, IReadOnlyDictionary<PositionKey, decimal> positions, RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(limits);

        var current = new Dictionary<PositionKey, decimal>(positions);
        var changes = new Dictionary<PositionKey, decimal>();
        var decisions = new List<RiskDecision>(candidates.Count);
        foreach (ObligationCandidate candidate in candidates)
        {
            RiskDecision decision = Decide(candidate, current, limits);
            if (decision.Accepted)
            {
                PositionChanges.Accept(current, changes, candidate);
            }

            decisions.Add(decision);
        }

        return new RiskEvaluation(decisions, current, changes);
    }

    private static RiskDecision Decide(ObligationCandidate candidate, Dictionary<PositionKey, decimal> positions, RiskLimits limits)
    {
        decimal amount = candidate.Amount.Amount;
        if (amount <= 0)
        {
            return RiskDecision.Reject(candidate.ObligationId, amount == 0 ? ReasonCode.AM01 : ReasonCode.AM12, "The amount must be positive.");
        }

        if (limits.MaxFor(candidate.Amount.Currency) is decimal max && amount > max)
        {
            return RiskDecision.Reject(
                candidate.ObligationId,
                ReasonCode.AM02,
                Invariant($"{candidate.Amount} exceeds the maximum of {max} {candidate.Amount.Currency.Code} per transaction."));
        }

        if (limits.MaxFor(candidate.Corridor) is decimal corridorMax && amount > corridorMax)
        {
            return RiskDecision.Reject(
                candidate.ObligationId,
                ReasonCode.AM02,
                Invariant($"{candidate.Amount} exceeds the maximum of {corridorMax} {candidate.Amount.Currency.Code} per transaction on corridor {candidate.Corridor}."));
        }

        // A transfer between two branches of one participant moves nothing between participants.
        PositionKey debtor = candidate.DebtorKey;
        if (debtor == candidate.CreditorKey)
        {
            return RiskDecision.Accept(candidate.ObligationId);
        }

        decimal before = positions.GetValueOrDefault(debtor);
        decimal after = before - amount;
        decimal cap = limits.NetDebitCapFor(debtor);
        if (after < -cap)
        {
            return RiskDecision.Reject(
                candidate.ObligationId,
                ReasonCode.AM14,
                Invariant($"{debtor} would move from {before} to {after}, beyond its net debit cap of {cap}."));
        }

        return RiskDecision.Accept(candidate.ObligationId);
    }


    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
