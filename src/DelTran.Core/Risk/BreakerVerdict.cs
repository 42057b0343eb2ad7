namespace DelTran.Core.Risk;

/// <summary>
/// Whether a transaction may pass the breakers; a refusal names the subject and the reason code. <see cref="Explanation"/>
/// is the operators' (a suspension's reason included); <see cref="ParticipantText"/> is what the transaction records and
/// the participant reads: the state of the breaker, never why an operator suspended it (the reason may be a compliance
/// matter, and telling it would tip off).
/// </summary>
public sealed record BreakerVerdict(bool Allowed, string? ReasonCode, BreakerSubject? RefusedBy, string? Explanation, IReadOnlyList<BreakerEvent> Events)
{
    public string? ParticipantText { get; init; }
}
