using System.Text;
using System.Text.RegularExpressions;

namespace DelTran.Core.Screening;

/// <summary>
/// Reads HM Treasury / OFSI's Consolidated List CSV (ConList.csv) in the 29-column layout (to 2020) and the
/// 36-column one (from 2020): row 1 <c>Last Updated,dd/mm/yyyy</c>, row 2 the header, then one row per name
/// variant (and sometimes per date of birth or address), grouped by <c>Group ID</c> into one entry. Columns are
/// found by header name, so both layouts read alike. The text is UTF-8, or Windows-1252 as in the older files.
/// A quoted field may span lines; one left open at the end of the file, or a row with the wrong number of
/// columns, is how a truncated file shows, and refuses it.
/// </summary>
public static partial class UkConListCsvReader
{
    private static readonly string[] RequiredColumns = ["Name 6", "Group Type", "Alias Type", "Group ID"];

    public static SanctionsLoadResult Read(Stream stream, string source, string listName = ListIds.UkHmTreasury)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new IssueSink();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        string text = Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(source, 0, "the file holds NUL bytes: it is not a CSV text file");
            return SanctionsLoadResult.Refused(errors.ToList());
        }

        var rows = new CsvRows(text);
        DateOnly? published = null;
        if (!rows.TryNext(out List<string> first, out string? problem) || first.Count < 2 || first[0].Trim() != "Last Updated")
        {
            errors.Add(source, 1, problem ?? "the first row is not 'Last Updated,<dd/mm/yyyy>': not an OFSI ConList.csv");
            return SanctionsLoadResult.Refused(errors.ToList());
        }

        if (ListText.TryDate(first[1], "dd/MM/yyyy", out DateOnly day))
        {
            published = day;
        }
        else
        {
            errors.Add(source, 1, $"Last Updated '{first[1]}' is not a date in the form dd/mm/yyyy");
        }

        if (!rows.TryNext(out List<string> header, out problem))
        {
            errors.Add(source, 2, problem ?? "the header row is missing");
            return SanctionsLoadResult.Refused(errors.ToList());
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Count; i++)
        {
            columns.TryAdd(header[i].Trim(), i);
        }

        string[] missing = [.. RequiredColumns.Where(c => !columns.ContainsKey(c))];
        if (missing.Length > 0)
        {
            errors.Add(source, 2, "the header lacks " + string.Join(", ", missing));
            return SanctionsLoadResult.Refused(errors.ToList());
        }

        var groups = new Dictionary<string, EntryBuilder>(StringComparer.Ordinal);
        var order = new List<EntryBuilder>();
        while (true)
        {
            int line = rows.Line;
            if (!rows.TryNext(out List<string> row, out problem))
            {
                if (problem is not null)
                {
                    errors.Add(source, line, problem);
                }

                break;
            }

            if (row.Count == 1 && row[0].Length == 0)
            {
                continue; // an empty line
            }

            if (row.Count != header.Count)
            {
                errors.Add(source, line, ListText.Invariant($"expected {header.Count} columns, found {row.Count}"));
                continue;
            }

            string? Field(string name) => columns.TryGetValue(name, out int index) ? ListText.Clean(row[index]) : null;

            string? groupId = Field("Group ID");
            if (groupId is null)
            {
                errors.Add(source, line, "the row has no Group ID");
                continue;
            }

            SanctionsEntryType? type = Field("Group Type") switch
            {
                "Individual" => SanctionsEntryType.Individual,
                "Entity" => SanctionsEntryType.Entity,
                "Ship" => SanctionsEntryType.Vessel,
                _ => null,
            };
            if (type is null)
            {
                errors.Add(source, line, $"Group {groupId} has Group Type '{Field("Group Type")}', not Individual, Entity or Ship");
                continue;
            }

            string? name = ListText.Join(Field("Name 1"), Field("Name 2"), Field("Name 3"), Field("Name 4"), Field("Name 5"), Field("Name 6"));
            if (name is null)
            {
                errors.Add(source, line, $"Group {groupId} has a row without a name");
                continue;
            }

            if (!groups.TryGetValue(groupId, out EntryBuilder? entry))
            {
                entry = new EntryBuilder(groupId, type.Value);
                groups.Add(groupId, entry);
                order.Add(entry);
            }

            switch (Field("Alias Type"))
            {
                case "Prime Alias":
                    entry.SetPrimary(name);
                    break;
                case "FKA":
                    entry.AddName(name, AliasKind.Fka);
                    break;
                default:
                    entry.AddName(name);
                    break;
            }

            entry.AddName(Field("Name Non-Latin Script"));
            entry.AddProgram(Field("Regime"));
            foreach (string nationality in SplitNumbered(Field("Nationality")))
            {
                entry.AddCountry(nationality);
            }

            entry.AddCountry(Field("Country"));
            entry.AddIdentifiersFromText(Field("Other Information"));
        }

        if (errors.Count == 0 && order.Count == 0)
        {
            errors.Add(source, 0, "the file holds no targets");
        }

        return SanctionsLoadResult.From(listName, [.. order.Select(e => e.Build())], published, errors, []);
    }

    /// <summary>"(1) Saudi Arabia (2) Qatar" or "1) Saudi Arabia 2) Qatar" → the two names; plain text → itself.</summary>
    public static IEnumerable<string> SplitNumbered(string? text) => text is null
        ? []
        : Numbering().Split(text).Select(part => part.Trim().TrimEnd(',', ';')).Where(part => part.Length > 0);

    /// <summary>UTF-8 when the bytes are valid UTF-8 (after an optional BOM); otherwise Windows-1252, as OFSI's older files.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }
    }

    [GeneratedRegex(@"\(?\b\d{1,2}\)\s*")]
    private static partial Regex Numbering();

    /// <summary>RFC 4180 rows over the whole text: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private sealed class CsvRows(string text)
    {
        private int _position;

        /// <summary>1-based line at which the next row starts.</summary>
        public int Line { get; private set; } = 1;

        public bool TryNext(out List<string> fields, out string? problem)
        {
            fields = [];
            problem = null;
            if (_position >= text.Length)
            {
                return false;
            }

            var field = new StringBuilder();
            bool quoted = false;
            bool wasQuoted = false;
            int startLine = Line;
            while (_position < text.Length)
            {
                char c = text[_position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (_position < text.Length && text[_position] == '"')
                        {
                            field.Append('"');
                            _position++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            Line++;
                        }

                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = true;
                    wasQuoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                }
                else if (c == '\n')
                {
                    Line++;
                    fields.Add(field.ToString().TrimEnd('\r'));
                    return true;
                }
                else
                {
                    field.Append(c);
                }
            }

            if (quoted)
            {
                problem = ListText.Invariant($"a quoted field opened on line {startLine} is never closed: the file looks truncated");
                fields = [];
                return false;
            }

            fields.Add(field.ToString().TrimEnd('\r'));
            return true;
        }
    }
}
