namespace DelTran.MockBank;

/// <summary>A rule's effect on one request.</summary>
public readonly record struct FaultHit(int RuleId, FaultMode Mode, int DelayMs);
