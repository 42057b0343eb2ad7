namespace DelTran.Core.Reporting;

/// <summary>What a field holds, so a spreadsheet can type the cell while a CSV writes <see cref="ExportField.Text"/>.</summary>
public enum ExportFieldKind
{
    /// <summary>Plain text; also any empty field.</summary>
    Text,

    /// <summary>Money: <see cref="ExportField.Text"/> is the invariant amount with <see cref="ExportField.Decimals"/> decimals.</summary>
    Amount,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A calendar date: <see cref="ExportField.Date"/>, written yyyy-MM-dd.</summary>
    Date,

    /// <summary>An instant: ISO 8601 with its offset in <see cref="ExportField.Text"/>; <see cref="ExportField.Instant"/> for a spreadsheet, which shows it in UTC.</summary>
    Timestamp,

    /// <summary>A plain decimal (a rate or a ratio) written in full, without rounding.</summary>
    Decimal,
}
