namespace DelTran.Core.Settlement;

/// <summary>The final status of an instruction that was still reserved when its run failed, with the bank's words on the one that failed.</summary>
public sealed record InstructionOutcome(string InstructionId, SettlementInstructionStatus Status, string? FailureCode, string? FailureMessage);
