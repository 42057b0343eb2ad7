namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

/// <summary>The window the pack is about, with its state history (oldest first).</summary>
public sealed record WindowSummary(
    string WindowId,
    string Currency,
    string State,
    DateTimeOffset OpenedAt,
    DateTimeOffset CutoffAt,
    DateOnly BusinessDate,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<(string State, DateTimeOffset At, string Cause)> History);
