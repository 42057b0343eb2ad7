namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

/// <summary>
/// A settlement instruction event. Status is one of RESERVED, CONFIRMED, POSTED, FAILED, REVERSED, RELEASED;
/// Direction is DEBIT or CREDIT as seen from the participant's account.
/// </summary>
public sealed record SettlementExportRow(
    string WindowId,
    string InstructionId,
    string Participant,
    string Currency,
    string Direction,
    decimal Amount,
    string Status,
    string? ConfirmationId,
    string? FailureCode,
    DateTimeOffset At);
