using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// The risk stage of the pipeline in two steps around the position locks, so that the locks are held only for the
/// limits: <see cref="Admit"/> (suspensions, then circuit breakers) before, <see cref="Decide"/> (limits, and each
/// outcome counted in its debtor's breaker) while the admitted candidates' positions are locked. The breaker board is
/// Core's state machine, which the caller holds under its own lock for the call.
/// </summary>
public static class RiskStage
{
    /// <summary>
    /// An operator's suspension refuses first (AG10 for the debtor agent, AG11 for the creditor agent) and no breaker is
    /// consulted for it; then the breakers of the debtor, the creditor and the corridor. A breaker's refusal carries
    /// only the participant's text: the operator's reason stays in the breaker's events.
    /// </summary>
    public static RiskAdmission Admit(IReadOnlyList<ObligationCandidate> candidates, IReadOnlySet<string> suspended, CircuitBreakerBoard breakers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(suspended);
        ArgumentNullException.ThrowIfNull(breakers);

        var admitted = new List<ObligationCandidate>(candidates.Count);
        var refused = new Dictionary<string, RiskDecision>(StringComparer.Ordinal);
        var events = new List<BreakerEvent>();
        foreach (ObligationCandidate candidate in candidates)
        {
            if (Suspensions.Check(candidate.Debtor, candidate.Creditor, suspended) is Refusal refusal)
            {
                refused[candidate.ObligationId] = RiskDecision.Reject(candidate.ObligationId, refusal.ReasonCode, refusal.Explanation);
                continue;
            }

            BreakerVerdict verdict = breakers.Check(candidate.Debtor, candidate.Creditor, candidate.Corridor, now);
            events.AddRange(verdict.Events);
            if (verdict.Allowed)
            {
                admitted.Add(candidate);
            }
            else
            {
                refused[candidate.ObligationId] = RiskDecision.Reject(candidate.ObligationId, verdict.ReasonCode!, verdict.ParticipantText ?? "Refused by a circuit breaker.");
            }
        }

        return new RiskAdmission(admitted, refused, events);
    }

    /// <summary>
    /// The limits for the admitted candidates (<see cref="RiskEngine.Evaluate"/>, with each configured net debit cap
    /// bounded by what its settlement account makes available, <see cref="NetDebitCaps"/>), and each decided outcome
    /// counted in its debtor's and corridor's breaker (<see cref="RiskDecision.BreakerOutcome"/>). Decisions come back
    /// for every candidate of the batch, in its order, the ones refused at admission included.
    /// </summary>
    public static RiskStageOutcome Decide(
        IReadOnlyList<ObligationCandidate> batch,
        RiskAdmission admission,
        IReadOnlyDictionary<PositionKey, decimal> positions,
        RiskLimits configuredLimits,
        IReadOnlyDictionary<PositionKey, AvailableFunds> funds,
        CircuitBreakerBoard breakers,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(admission);
        ArgumentNullException.ThrowIfNull(breakers);

        RiskEvaluation evaluation = RiskEngine.Evaluate(admission.Admitted, positions, NetDebitCaps.Effective(configuredLimits, funds));
        var decided = new Dictionary<string, RiskDecision>(StringComparer.Ordinal);
        for (int i = 0; i < admission.Admitted.Count; i++)
        {
            decided[admission.Admitted[i].ObligationId] = evaluation.Decisions[i];
        }

        var decisions = new List<RiskDecision>(batch.Count);
        var events = new List<BreakerEvent>(admission.BreakerEvents);
        foreach (ObligationCandidate candidate in batch)
        {
            if (admission.Refused.TryGetValue(candidate.ObligationId, out RiskDecision? refusal))
            {
                decisions.Add(refusal);
                continue;
            }

            RiskDecision decision = decided[candidate.ObligationId];
            events.AddRange(breakers.RecordTransaction(candidate.Debtor, candidate.Corridor, decision.BreakerOutcome, now));
            decisions.Add(decision);
        }

        return new RiskStageOutcome(decisions, evaluation.Changes, events);
    }

    /// <summary>
    /// The benchmark's pass without checks (only a benchmark's own composition turns the checks off): every candidate is
    /// accepted and still moves the running positions, as an accepted one does, and no breaker counts it.
    /// </summary>
    public static RiskStageOutcome Unchecked(IReadOnlyList<ObligationCandidate> batch, IReadOnlyDictionary<PositionKey, decimal> positions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var running = new Dictionary<PositionKey, decimal>(positions);
        var changes = new Dictionary<PositionKey, decimal>();
        foreach (ObligationCandidate candidate in batch)
        {
            PositionChanges.Accept(running, changes, candidate);
        }

        return new RiskStageOutcome([.. batch.Select(c => RiskDecision.Accept(c.ObligationId))], changes, []);
    }
}
