namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

/// <summary>A participant's net position in one currency after netting.</summary>
public sealed record NetPositionExportRow(string WindowId, string Participant, string Currency, decimal Debit, decimal Credit, decimal Net);
