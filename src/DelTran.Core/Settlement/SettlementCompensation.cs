namespace DelTran.Core.Settlement;

/// <summary>
/// A failed run's end: each instruction still reserved gets its final status, each debit's reservation is released
/// (<see cref="Releases"/>, by participant), the participant whose bank failed is charged on its circuit breaker,
/// and the window fails with <see cref="Reason"/>.
/// </summary>
public sealed record SettlementCompensation(string Reason, IReadOnlyList<InstructionOutcome> Outcomes, IReadOnlyDictionary<string, decimal> Releases, string FailedParticipant);
