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
