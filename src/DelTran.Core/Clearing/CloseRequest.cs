namespace DelTran.Core.Clearing;

/// <summary>What to close: the open window of a currency, optionally only a named one or only one opened before a scheduled cut-off.</summary>
public sealed record CloseRequest(string Currency, string Cause)
{
    /// <summary>Close only this window; another is already closed (an operator's second click, a second instance).</summary>
    public string? WindowId { get; init; }

    /// <summary>The scheduled cut-off: obligations accepted at or after it go to the next window, and a window opened at or after it is not closed again.</summary>
    public DateTimeOffset? ScheduledCutoff { get; init; }
}
