namespace DelTran.Core.Reporting;

/// <summary>A column of an export table: its snake_case header and how a row gives its field.</summary>
public sealed record ExportColumn<TRow>(string Header, Func<TRow, ExportField> Value);
