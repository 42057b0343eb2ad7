using System.Globalization;
using System.Text;
using System.Xml;
using DelTran.Core.Reporting;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DelTran.Host.Infrastructure.Files;

/// <summary>
/// Streams one detail sheet (and its continuations) with <see cref="OpenXmlWriter"/>: a bold header row of words
/// (the CSV's snake_case header made readable), frozen below the header, an autofilter over the rows, explicit
/// column widths, then one row per call. Text is an inline string (no shared-string table to hold in memory);
/// amounts, integers and dates are numeric cells whose value is the exact invariant text of the CSV, styled with
/// the currency's decimals; timestamps are Excel date-times in UTC (the CSV keeps the offset). Empty fields write no cell.
/// </summary>
public sealed class DetailSheetWriter : IDisposable
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    // Templates only name the element; attributes are passed per write, so one instance serves every cell.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();

    private readonly StreamingWorkbook _workbook;
    private readonly string _name;
    private readonly IReadOnlyList<SheetColumn> _columns;
    private readonly string[] _letters;
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private Stream? _part;
    private OpenXmlWriter? _writer;
    private int _partNumber;
    private int _rowInPart;
    private bool _disposed;

    internal DetailSheetWriter(StreamingWorkbook workbook, string name, IReadOnlyList<SheetColumn> columns)
    {
        _workbook = workbook;
        _name = name;
        _columns = columns;
        _letters = [.. Enumerable.Range(1, columns.Count).Select(ColumnLetters)];
        StartPart();
    }

    /// <summary>Rows written so far, headers excluded, across all parts.</summary>
    public long Rows { get; private set; }

    public void WriteRow(ReadOnlySpan<ExportField> fields)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (fields.Length != _columns.Count)
        {
            throw new ArgumentException($"Expected {_columns.Count} fields, got {fields.Length}.", nameof(fields));
        }

        if (_rowInPart == _workbook.MaxRowsPerSheet)
        {
            EndPart();
            StartPart();
        }

        OpenXmlWriter writer = _writer!;
        string row = StartRow();
        for (int i = 0; i < fields.Length; i++)
        {
            ExportField field = fields[i];
            if (field.IsEmpty)
            {
                continue;
            }

            string reference = string.Concat(_letters[i], row);
            switch (field.Kind)
            {
                case ExportFieldKind.Amount or ExportFieldKind.Integer or ExportFieldKind.Decimal:
                    WriteNumber(writer, reference, field.Text, _workbook.Styles.For(field));
                    break;
                case ExportFieldKind.Date:
                    WriteNumber(writer, reference, (field.Date.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture), _workbook.Styles.Date);
                    break;
                case ExportFieldKind.Timestamp:
                    WriteNumber(writer, reference, ExcelDateTime(field.Instant), _workbook.Styles.DateTime);
                    break;
                default:
                    WriteText(writer, reference, field.Text, style: 0);
                    break;
            }
        }

        writer.WriteEndElement();
        Rows++;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        EndPart();
        _workbook.SheetFinished();
    }

    private void StartPart()
    {
        _partNumber++;
        _part = _workbook.OpenPart(_name, _partNumber);
        _writer = OpenXmlWriter.Create(_part, Encoding.UTF8);
        _rowInPart = 0;
        OpenXmlWriter writer = _writer;
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0U }));
        writer.WriteElement(new Columns(_columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());

        string row = StartRow();
        for (int i = 0; i < _columns.Count; i++)
        {
            WriteText(writer, string.Concat(_letters[i], row), HeaderWords(_columns[i].Header), _workbook.Styles.Header);
        }

        writer.WriteEndElement();
    }

    private string StartRow()
    {
        _rowInPart++;
        string row = _rowInPart.ToString(CultureInfo.InvariantCulture);
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", string.Empty, row));
        _writer!.WriteStartElement(RowElement, _attributes);
        return row;
    }

    private void EndPart()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.WriteEndElement(); // sheetData
        // The filter buttons on the header, over every row of this part.
        _writer.WriteElement(new AutoFilter { Reference = $"A1:{_letters[^1]}{Math.Max(_rowInPart, 1).ToString(CultureInfo.InvariantCulture)}" });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _writer = null;
        _part!.Dispose();
        _part = null;
    }

    /// <summary>"transaction_id" reads "Transaction ID", "uetr" "UETR", "accepted_at" "Accepted at (UTC)": the CSV's header as words for people.</summary>
    public static string HeaderWords(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string[] words = header.Split('_', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = words[i] switch
            {
                "id" or "uetr" or "fx" or "bic" or "utc" => words[i].ToUpperInvariant(),
                _ when i == 0 => char.ToUpperInvariant(words[i][0]) + words[i][1..],
                _ => words[i],
            };
        }

        // A time column says in which zone its cells are.
        return words is [.., "at"] ? string.Join(' ', words) + " (UTC)" : string.Join(' ', words);
    }

    /// <summary>An instant as Excel's serial date-time in UTC, to the millisecond.</summary>
    private static string ExcelDateTime(DateTimeOffset instant)
    {
        DateTime utc = instant.UtcDateTime;
        decimal days = utc.Date.Subtract(ExcelEpoch.ToDateTime(TimeOnly.MinValue)).Days + ((decimal)utc.TimeOfDay.Ticks / TimeSpan.TicksPerDay);
        return decimal.Round(days, 10).ToString(CultureInfo.InvariantCulture);
    }

    private void WriteNumber(OpenXmlWriter writer, string reference, string value, uint style)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", string.Empty, reference));
        if (style != 0)
        {
            _attributes.Add(new OpenXmlAttribute("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
        }

        writer.WriteStartElement(CellElement, _attributes);
        writer.WriteStartElement(ValueElement);
        writer.WriteString(value);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private void WriteText(OpenXmlWriter writer, string reference, string text, uint style)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", string.Empty, reference));
        _attributes.Add(new OpenXmlAttribute("t", string.Empty, "inlineStr"));
        if (style != 0)
        {
            _attributes.Add(new OpenXmlAttribute("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
        }

        writer.WriteStartElement(CellElement, _attributes);
        writer.WriteStartElement(InlineElement);
        string clean = XmlSafe(text);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            writer.WriteStartElement(TextElement, [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
        }
        else
        {
            writer.WriteStartElement(TextElement);
        }

        writer.WriteString(clean);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    // A control character from a payment message would make the sheet unreadable; the CSV keeps the original.
    private static string XmlSafe(string text)
    {
        int bad = text.AsSpan().IndexOfAnyExcept(SafeChars);
        if (bad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD');
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> SafeChars = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0xD800 - 0x20).Select(i => (char)i)) + "\t\n\r");

    private static string ColumnLetters(int column)
    {
        var letters = new StringBuilder();
        while (column > 0)
        {
            int remainder = (column - 1) % 26;
            letters.Insert(0, (char)('A' + remainder));
            column = (column - 1) / 26;
        }

        return letters.ToString();
    }
}
