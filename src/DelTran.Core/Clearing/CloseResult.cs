namespace DelTran.Core.Clearing;

public sealed record CloseResult(CloseOutcome Outcome, string? WindowId, string Message);
