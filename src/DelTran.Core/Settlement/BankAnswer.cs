namespace DelTran.Core.Settlement;

/// <summary>A bank's answer to an instruction: confirmed with its confirmation id and booking time, or refused with a code and message.</summary>
public sealed record BankAnswer(bool Confirmed, string? ConfirmationId, DateTimeOffset? BookedAt, string? FailureCode, string? FailureMessage);
