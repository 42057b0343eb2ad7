namespace DelTran.MockBank;

/// <summary>One booked instruction, as GET /api/v1/settlements lists it.</summary>
public sealed record BookedSettlement(
    string IdempotencyKey,
    string InstructionId,
    string WindowId,
    string Participant,
    string Currency,
    decimal Amount,
    string Direction,
    string? ReversalOf,
    string ConfirmationId,
    DateTimeOffset BookedAt);
