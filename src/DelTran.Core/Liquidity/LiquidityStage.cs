using DelTran.Core.Amounts;
using DelTran.Core.Fx;
using DelTran.Core.Tokens;

namespace DelTran.Core.Liquidity;

/// <summary>
/// The liquidity stage of the pipeline as one function over what the caller loaded and locked: FX first, at the
/// acceptance instant (a transaction without a valid path never uses the debtor's coverage, docs/adr/0006-fx.md), then
/// corridors, currencies and coverage (<see cref="LiquidityEngine.Evaluate"/>) judged from the positions as they were
/// before the batch. Every refused candidate's position, which risk applied, is given back. Last, the accepted payments
/// whose debtors chose it settle at once in tokens (<see cref="InstantSettlement"/>), and their positions are given back too.
/// </summary>
public static class LiquidityStage
{
    /// <summary>Whether some transaction of the batch is instructed in another currency than it settles in, so the rates are needed.</summary>
    public static bool NeedsRates(IReadOnlyList<ObligationCandidate> batch, IReadOnlyList<Money?> instructed)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(instructed);
        return Enumerable.Range(0, batch.Count).Any(i => instructed[i] is { } money && money.Currency != batch[i].Amount.Currency);
    }

    /// <param name="batch">The candidates in the batch's order.</param>
    /// <param name="instructed">Per candidate, its instructed amount when the message carried one.</param>
    /// <param name="rates">The rate table in force, or null (a conversion is then refused).</param>
    /// <param name="pivot">The currency FX routes through when there is no direct rate.</param>
    /// <param name="acceptedAt">The acceptance instant, at which FX paths are priced.</param>
    /// <param name="corridors">The currencies and corridors DelTran settles.</param>
    /// <param name="funds">What each debtor's settlement account makes available.</param>
    /// <param name="positionsWithBatch">The locked positions, which already hold the whole batch as risk applied it.</param>
    /// <param name="instant">When some debtor chose instant settlement: its book, and per candidate the settlement date asked for.</param>
    public static LiquidityStageOutcome Decide(
        IReadOnlyList<ObligationCandidate> batch,
        IReadOnlyList<Money?> instructed,
        FxRateTable? rates,
        Currency pivot,
        DateTimeOffset acceptedAt,
        Corridors corridors,
        IReadOnlyDictionary<PositionKey, AvailableFunds> funds,
        IReadOnlyDictionary<PositionKey, decimal> positionsWithBatch,
        (InstantSettlementBook Book, IReadOnlyList<DateOnly?> ValueDates)? instant = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(instructed);

        FxDecision[] fx = [.. batch.Select((c, i) => FxConversion.Decide(c.Amount, instructed[i], rates, acceptedAt, pivot))];
        int[] priced = [.. Enumerable.Range(0, batch.Count).Where(i => !fx[i].Refused)];
        LiquidityEvaluation evaluation = LiquidityEngine.Evaluate(
            [.. priced.Select(i => batch[i])],
            corridors,
            funds,
            PositionChanges.Before(positionsWithBatch, batch));

        var decisions = new LiquidityDecision[batch.Count];
        for (int k = 0; k < priced.Length; k++)
        {
            decisions[priced[k]] = evaluation.Decisions[k];
        }

        var verdicts = new List<LiquidityVerdict>(batch.Count);
        var positions = new Dictionary<PositionKey, decimal>(positionsWithBatch);
        var changes = new Dictionary<PositionKey, decimal>();
        for (int i = 0; i < batch.Count; i++)
        {
            LiquidityDecision decision = fx[i].Refused
                ? LiquidityDecision.Reject(batch[i].ObligationId, fx[i].ReasonCode!, fx[i].Explanation!)
                : decisions[i];
            if (!decision.Accepted)
            {
                PositionChanges.Release(positions, changes, batch[i]);
            }

            verdicts.Add(new LiquidityVerdict(decision, decision.Accepted ? fx[i].Path : null));
        }

        if (instant is not { } wanted)
        {
            return new LiquidityStageOutcome(verdicts, changes);
        }

        // A payment settled at once belongs to no window: its position, which risk applied, is given back too.
        (IReadOnlyList<LiquidityVerdict> paid, TokenChange? tokens) = InstantSettlement.Apply(batch, wanted.ValueDates, verdicts, wanted.Book, acceptedAt);
        for (int i = 0; i < batch.Count; i++)
        {
            if (paid[i].SettledBy is not null)
            {
                PositionChanges.Release(positions, changes, batch[i]);
            }
        }

        return new LiquidityStageOutcome(paid, changes, tokens);
    }

    /// <summary>The benchmark's pass without checks: every candidate accepted, with no FX path and no position change (risk applied them).</summary>
    public static LiquidityStageOutcome Unchecked(IReadOnlyList<ObligationCandidate> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new LiquidityStageOutcome([.. batch.Select(c => new LiquidityVerdict(LiquidityDecision.Accept(c.ObligationId), null))], new Dictionary<PositionKey, decimal>());
    }
}
