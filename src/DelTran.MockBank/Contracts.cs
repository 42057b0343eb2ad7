namespace DelTran.MockBank;

/// <summary>The body of POST /api/v1/settlements. Fields are nullable because the body is validated, not trusted.</summary>
public sealed record SettlementInstruction(
    string? InstructionId,
    string? WindowId,
    string? Participant,
    string? Currency,
    decimal Amount,
    string? Direction,
    string? ReversalOf);

/// <summary>The answer to a booked (or replayed) settlement instruction.</summary>
public sealed record SettlementConfirmation(string InstructionId, string ConfirmationId, string Status, DateTimeOffset BookedAt);

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

/// <summary>Every non-2xx answer of the mock bank carries this body.</summary>
public sealed record ErrorBody(string Error, string Reason);

/// <summary>The body of POST /api/v1/control/faults.</summary>
public sealed record FaultRuleRequest(string? Mode, string? Participant, string? Direction, int? Times, int? DelayMs);

/// <summary>A fault rule as GET /api/v1/control/faults lists it: Remaining null means until cleared.</summary>
public sealed record FaultRuleView(int Id, string Mode, string? Participant, string? Direction, int? Remaining, int DelayMs, int Matched);
