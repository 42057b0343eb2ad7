namespace DelTran.Core.Reporting;

// Row shapes for a window's audit pack. The Host fills them from the database; Core only says what a row is
// and how it is written (AuditPackTables), so every export formats money and dates the same way.

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
