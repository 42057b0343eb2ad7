using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// What <see cref="RiskStage.Admit"/> decided before any position is locked: the candidates that go on to the limits,
/// the ones refused by a suspension or a circuit breaker (by obligation id), and the breaker transitions the checks
/// caused.
/// </summary>
public sealed record RiskAdmission(
    IReadOnlyList<ObligationCandidate> Admitted,
    IReadOnlyDictionary<string, RiskDecision> Refused,
    IReadOnlyList<BreakerEvent> BreakerEvents);
