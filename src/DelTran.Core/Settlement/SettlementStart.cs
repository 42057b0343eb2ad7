namespace DelTran.Core.Settlement;

/// <summary>The step a run takes first, with the reason an operator reads when it is not <see cref="SettlementStep.Reserve"/> or <see cref="SettlementStep.Resume"/>.</summary>
public sealed record SettlementStart(SettlementStep Step, string? Reason);
