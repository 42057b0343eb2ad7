namespace DelTran.MockBank;

/// <summary>The body of POST /api/v1/control/faults.</summary>
public sealed record FaultRuleRequest(string? Mode, string? Participant, string? Direction, int? Times, int? DelayMs);
