using DelTran.Core.Amounts;

namespace DelTran.Core.Settlement;

/// <summary>
/// One movement to settle a participant's net in one currency. <see cref="Amount"/> is positive; the
/// <see cref="Direction"/> says which way it goes. <see cref="InstructionId"/> is deterministic, so planning the same
/// window twice yields the same ids and a retry can be made idempotent on them.
/// </summary>
public sealed record SettlementInstruction(string InstructionId, string WindowId, string Participant, Currency Currency, decimal Amount, SettlementDirection Direction);
