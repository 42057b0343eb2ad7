namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

/// <summary>
/// A rejected transaction; fields the message did not carry (or that failed to parse) are null. The agents are as read
/// (the export writes them in upper case); <see cref="ReasonText"/> is the stored form (<see cref="Pipeline.Reasons"/>),
/// which the export writes readable; <see cref="Amount"/> is null only when the message carried no readable amount
/// (<see cref="Validation.AmountAsSent"/>).
/// </summary>
public sealed record RejectExportRow(
    Guid TransactionId,
    Guid? Uetr,
    string? EndToEndId,
    string? Debtor,
    string? Creditor,
    string? Currency,
    decimal? Amount,
    string ReasonCode,
    string? ReasonText,
    DateTimeOffset At);
