namespace DelTran.Host.Clearing;

public sealed record CloseResult(CloseOutcome Outcome, string? WindowId, string Message);
