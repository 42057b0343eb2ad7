using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>One configured cap that its settlement account does not cover, with the figures an operator needs.</summary>
public sealed record CapProblem(PositionKey Key, CapProblemKind Kind, decimal ConfiguredCap, decimal Available, string Message);
