namespace DelTran.MockBank;

/// <summary>A fault rule as GET /api/v1/control/faults lists it: Remaining null means until cleared.</summary>
public sealed record FaultRuleView(int Id, string Mode, string? Participant, string? Direction, int? Remaining, int DelayMs, int Matched);
