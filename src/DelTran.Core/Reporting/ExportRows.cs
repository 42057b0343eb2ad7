namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

/// <summary>
/// One accepted obligation of a window, with what decided it: the sanctions list set that screened the transaction and,
/// when its instructed amount was converted, the rate table version and path that priced it.
/// </summary>
public sealed record ObligationExportRow(
    string WindowId,
    long ObligationId,
    Guid TransactionId,
    Guid? Uetr,
    string EndToEndId,
    string Debtor,
    string Creditor,
    string Currency,
    decimal Amount,
    DateOnly? ValueDate,
    string? InstructedCurrency,
    decimal? InstructedAmount,
    decimal? ExchangeRate,
    DateTimeOffset AcceptedAt,
    string? ScreeningListSet = null,
    string? FxRateTable = null,
    string? FxPath = null);

/// <summary>A participant's net position in one currency after netting.</summary>
public sealed record NetPositionExportRow(string WindowId, string Participant, string Currency, decimal Debit, decimal Credit, decimal Net);

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

/// <summary>One entry of the operators' audit log: an action as asked, or as answered.</summary>
public sealed record OperatorActionExportRow(
    long Id,
    DateTimeOffset At,
    string Operator,
    string Action,
    string Subject,
    string? Reason,
    string Outcome);

/// <summary>Per-currency control totals: what an auditor ties the detail files back to.</summary>
public sealed record ControlTotalRow(
    string WindowId,
    string Currency,
    long ObligationCount,
    decimal ObligationSum,
    decimal GrossDebits,
    decimal GrossCredits,
    decimal SumOfNets,
    decimal NettingEfficiency,
    decimal SettledDebits,
    decimal SettledCredits);

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
