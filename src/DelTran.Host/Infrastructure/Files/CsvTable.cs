using System.Globalization;
using CsvHelper;
using DelTran.Core.Reporting;

namespace DelTran.Host.Infrastructure.Files;

/// <summary>
/// How DelTran writes a CSV file: RFC 4180 (CRLF, quotes only where needed, quotes doubled), UTF-8 without a byte order
/// mark, the invariant culture, a snake_case header, each field exactly its <see cref="ExportField.Text"/>. The audit
/// pack's tables and a statement's detail file are written the same way.
/// </summary>
public static class CsvTable
{
    internal static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// Writes <paramref name="rows"/> under their columns' headers into a new file at <paramref name="path"/>, streaming;
    /// each row's fields also go to <paramref name="alsoTo"/> when given (the audit pack's sheet of the same table).
    /// </summary>
    public static async Task WriteAsync<TRow>(string path, IReadOnlyList<ExportColumn<TRow>> columns, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken, Action<ExportField[]>? alsoTo = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using CsvWriter csv = CsvWriter.Create(file, Options, leaveOpen: true);
        foreach (ExportColumn<TRow> column in columns)
        {
            csv.WriteField(column.Header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var fields = new ExportField[columns.Count];
        await foreach (TRow row in rows.WithCancellation(cancellationToken))
        {
            AuditPackTables.Fill(columns, row, fields);
            foreach (ExportField field in fields)
            {
                csv.WriteField(field.Text);
            }

            await csv.EndRecordAsync(cancellationToken);
            alsoTo?.Invoke(fields);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
