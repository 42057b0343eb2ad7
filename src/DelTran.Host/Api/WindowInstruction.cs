namespace DelTran.Host.Api;

/// <summary>One settlement instruction of a window's settlement attempt.</summary>
public sealed record WindowInstruction(
    string InstructionId,
    int Attempt,
    string Participant,
    string Direction,
    decimal Amount,
    string Status,
    string? ConfirmationId,
    string? FailureCode,
    string? FailureMessage);
