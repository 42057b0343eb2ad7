namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

/// <summary>One entry of the operators' audit log: an action as asked, or as answered.</summary>
public sealed record OperatorActionExportRow(
    long Id,
    DateTimeOffset At,
    string Operator,
    string Action,
    string Subject,
    string? Reason,
    string Outcome);
