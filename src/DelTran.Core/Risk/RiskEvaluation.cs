using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// What <see cref="RiskEngine.Evaluate"/> returns: one decision per candidate in the given order, the positions
/// after the accepted ones (every position passed in, updated), and the net change per position touched, which is
/// what the caller saves.
/// </summary>
public sealed record RiskEvaluation(
    IReadOnlyList<RiskDecision> Decisions,
    IReadOnlyDictionary<PositionKey, decimal> Positions,
    IReadOnlyDictionary<PositionKey, decimal> Changes);
