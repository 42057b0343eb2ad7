using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// What the risk stage decided for a batch: one decision per candidate in the batch's order, the position changes of
/// the accepted ones (what the caller saves), and every breaker transition, admission's first, in the order they happened.
/// </summary>
public sealed record RiskStageOutcome(
    IReadOnlyList<RiskDecision> Decisions,
    IReadOnlyDictionary<PositionKey, decimal> PositionChanges,
    IReadOnlyList<BreakerEvent> BreakerEvents);
