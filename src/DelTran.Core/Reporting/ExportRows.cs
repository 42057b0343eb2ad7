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
