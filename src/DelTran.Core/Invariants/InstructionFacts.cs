using DelTran.Core.Settlement;

namespace DelTran.Core.Invariants;

/// <summary>A settlement instruction of the ledger's side, and its reversal's key.</summary>
public sealed record InstructionFacts(string InstructionId, string Participant, SettlementInstructionStatus Status, string? WindowId = null);
