using System.Globalization;

namespace DelTran.Core.Screening;

/// <summary>
/// Reads OFAC's legacy CSV pair: sdn.csv (12 columns: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
/// Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks) and alt.csv (5 columns: ent_num, alt_num, alt_type,
/// alt_name, alt_remarks), joined on ent_num. No header, CRLF, <c>-0- </c> for null, 0x1A at the end.
/// Does no I/O beyond the streams it is given, and never throws for bad data: a broken file is refused with errors.
/// </summary>
public static class OfacSdnCsvReader
{
    public const string SdnSource = "sdn.csv";
    public const string AltSource = "alt.csv";
    public const string AddSource = "add.csv";

    private const int AddColumns = 6;

    private const int SdnColumns = 12;
    private const int AltColumns = 5;

    public static SanctionsLoadResult Read(Stream sdn, Stream? alt, OfacCsvReaderOptions? options = null) => Read(sdn, alt, null, options);

    /// <summary>
    /// Reads the trio: sdn.csv, and optionally alt.csv (aliases) and add.csv (6 columns: ent_num, add_num, address,
    /// city/state/postal, country, add_remarks), whose countries become the entries' countries. An add.csv row for
    /// an ent_num not in sdn.csv is treated like an orphan alias.
    /// </summary>
    public static SanctionsLoadResult Read(Stream sdn, Stream? alt, Stream? add, OfacCsvReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sdn);
        options ??= OfacCsvReaderOptions.Default;
        var errors = new IssueSink();
        var warnings = new List<SanctionsLoadIssue>();

        var entries = new List<PendingEntry>();
        var byId = new Dictionary<int, PendingEntry>();
        ReadSdn(sdn, options, entries, byId, errors);
        if (alt is not null)
        {
            ReadAlt(alt, options, byId, errors, warnings);
        }

        if (add is not null)
        {
            ReadAdd(add, options, byId, errors, warnings);
        }

        if (entries.Count == 0)
        {
            errors.Add(new SanctionsLoadIssue(SdnSource, 0, "the file holds no entries"));
        }

        if (errors.Count > 0)
        {
            return SanctionsLoadResult.Refused(errors.ToList());
        }

        var list = new SanctionsList(options.ListName, [.. entries.Select(e => e.ToEntry())]);
        return SanctionsLoadResult.Loaded(list, warnings);
    }

    private static void ReadSdn(Stream stream, OfacCsvReaderOptions options, List<PendingEntry> entries, Dictionary<int, PendingEntry> byId, IssueSink errors)
    {
        using var csv = new LegacyCsv(stream);
        var fields = new List<string?>(SdnColumns);
        while (csv.ReadLine() is { } line)
        {
            int lineNumber = csv.LineNumber;
            if (!TryFields(SdnSource, csv, line, fields, SdnColumns, errors))
            {
                continue;
            }

            if (!TryEntNum(SdnSource, lineNumber, fields[0], errors, out int entNum))
            {
                continue;
            }

            string? name = fields[1];
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new SanctionsLoadIssue(SdnSource, lineNumber, Invariant($"ent_num {entNum} has no SDN_Name")));
                continue;
            }

            if (!TryType(fields[2], out SanctionsEntryType type))
            {
                errors.Add(new SanctionsLoadIssue(SdnSource, lineNumber, $"unknown SDN_Type '{fields[2]}'"));
                continue;
            }

            if (byId.ContainsKey(entNum))
            {
                errors.Add(new SanctionsLoadIssue(SdnSource, lineNumber, Invariant($"ent_num {entNum} appears twice")));
                continue;
            }

            var entry = new PendingEntry(entNum, name.Trim(), type, SplitPrograms(fields[3]));
            entry.Builder.AddIdentifiersFromText(fields[11]);
            entries.Add(entry);
            byId.Add(entNum, entry);
        }

        CheckEnd(SdnSource, csv, options, errors);
    }

    private static void ReadAlt(Stream stream, OfacCsvReaderOptions options, Dictionary<int, PendingEntry> byId, IssueSink errors, List<SanctionsLoadIssue> warnings)
    {
        using var csv = new LegacyCsv(stream);
        var fields = new List<string?>(AltColumns);
        var orphans = new OrphanRows(AltSource, "alias");
        while (csv.ReadLine() is { } line)
        {
            int lineNumber = csv.LineNumber;
            if (!TryJoinedRow(AltSource, csv, line, fields, AltColumns, "alt_num", errors, out int entNum))
            {
                continue;
            }

            if (!TryAliasKind(fields[2], out AliasKind kind))
            {
                errors.Add(new SanctionsLoadIssue(AltSource, lineNumber, $"unknown alt_type '{fields[2]}'"));
                continue;
            }

            string? name = fields[3];
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new SanctionsLoadIssue(AltSource, lineNumber, Invariant($"alias of ent_num {entNum} has no alt_name")));
                continue;
            }

            if (orphans.Find(byId, entNum, lineNumber) is { } entry)
            {
                entry.Aliases.Add(new SanctionsAlias(name.Trim(), kind));
            }
        }

        CheckEnd(AltSource, csv, options, errors);
        orphans.Report(options, errors, warnings);
    }

    private static void ReadAdd(Stream stream, OfacCsvReaderOptions options, Dictionary<int, PendingEntry> byId, IssueSink errors, List<SanctionsLoadIssue> warnings)
    {
        using var csv = new LegacyCsv(stream);
        var fields = new List<string?>(AddColumns);
        var orphans = new OrphanRows(AddSource, "address");
        while (csv.ReadLine() is { } line)
        {
            if (TryJoinedRow(AddSource, csv, line, fields, AddColumns, "add_num", errors, out int entNum)
                && orphans.Find(byId, entNum, csv.LineNumber) is { } entry)
            {
                entry.Builder.AddCountry(fields[4]);
                entry.Builder.AddIdentifiersFromText(fields[5]);
            }
        }

        CheckEnd(AddSource, csv, options, errors);
        orphans.Report(options, errors, warnings);
    }

    /// <summary>The columns and the two numbers that open every alt.csv and add.csv row: ent_num, then the row's own number.</summary>
    private static bool TryJoinedRow(string source, LegacyCsv csv, string line, List<string?> fields, int columns, string numberColumn, IssueSink errors, out int entNum)
    {
        entNum = 0;
        return TryFields(source, csv, line, fields, columns, errors)
            && TryEntNum(source, csv.LineNumber, fields[0], errors, out entNum)
            && TryNumber(source, csv.LineNumber, numberColumn, fields[1], errors, out _);
    }

    private static bool TryFields(string source, LegacyCsv csv, string line, List<string?> fields, int expected, IssueSink errors)
    {
        if (LegacyCsv.TextProblem(line) is { } problem)
        {
            errors.Add(new SanctionsLoadIssue(source, csv.LineNumber, "the line holds " + problem));
            return false;
        }

        if (!LegacyCsv.TrySplit(line, fields, out string? error))
        {
            errors.Add(new SanctionsLoadIssue(source, csv.LineNumber, error!));
            return false;
        }

        if (fields.Count != expected)
        {
            errors.Add(new SanctionsLoadIssue(source, csv.LineNumber, Invariant($"expected {expected} columns, found {fields.Count}")));
            return false;
        }

        return true;
    }

    private static bool TryEntNum(string source, int line, string? text, IssueSink errors, out int entNum) =>
        TryNumber(source, line, "ent_num", text, errors, out entNum);

    private static bool TryNumber(string source, int line, string column, string? text, IssueSink errors, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        errors.Add(new SanctionsLoadIssue(source, line, $"{column} '{text}' is not a positive number"));
        return false;
    }

    private static void CheckEnd(string source, LegacyCsv csv, OfacCsvReaderOptions options, IssueSink errors)
    {
        if (csv.ContentAfterMarker)
        {
            errors.Add(new SanctionsLoadIssue(source, csv.LineNumber, "content follows the 0x1A end-of-file marker"));
        }
        else if (options.RequireEndOfFileMarker && !csv.SawEndOfFileMarker)
        {
            errors.Add(new SanctionsLoadIssue(source, 0, "the 0x1A end-of-file marker is missing: the file looks truncated"));
        }
    }

    private static bool TryType(string? text, out SanctionsEntryType type)
    {
        // OFAC writes an entity as a null type.
        type = text switch
        {
            null => SanctionsEntryType.Entity,
            _ when text.Equals("individual", StringComparison.OrdinalIgnoreCase) => SanctionsEntryType.Individual,
            _ when text.Equals("vessel", StringComparison.OrdinalIgnoreCase) => SanctionsEntryType.Vessel,
            _ when text.Equals("aircraft", StringComparison.OrdinalIgnoreCase) => SanctionsEntryType.Aircraft,
            _ => (SanctionsEntryType)(-1),
        };
        return type >= 0;
    }

    private static bool TryAliasKind(string? text, out AliasKind kind)
    {
        kind = text switch
        {
            _ when "aka".Equals(text, StringComparison.OrdinalIgnoreCase) => AliasKind.Aka,
            _ when "fka".Equals(text, StringComparison.OrdinalIgnoreCase) => AliasKind.Fka,
            _ when "nka".Equals(text, StringComparison.OrdinalIgnoreCase) => AliasKind.Nka,
            _ => (AliasKind)(-1),
        };
        return kind >= 0;
    }

    // "IRAN] [SDGT] [IRGC" holds three programs: OFAC joins them with "] [" inside one quoted field.
    private static string[] SplitPrograms(string? text) => text is null
        ? []
        : [.. text.Split("] [", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim('[', ']', ' ')).Where(p => p.Length > 0)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class PendingEntry(int entNum, string name, SanctionsEntryType type, string[] programs)
    {
        public List<SanctionsAlias> Aliases { get; } = [];

        /// <summary>Countries and identifiers; names stay in <see cref="Aliases"/>, as OFAC writes them (no de-duplication).</summary>
        public EntryBuilder Builder { get; } = new(entNum.ToString(CultureInfo.InvariantCulture), type);

        public SanctionsEntry ToEntry()
        {
            SanctionsEntry extra = Builder.Build();
            return new(entNum.ToString(CultureInfo.InvariantCulture), name, [.. Aliases], type, programs)
            {
                Countries = extra.Countries,
                Identifiers = extra.Identifiers,
            };
        }
    }

    /// <summary>
    /// Rows of alt.csv or add.csv whose ent_num is not in sdn.csv: counted, and reported once for the file with
    /// the first of them, as an error or (when the options allow orphans) a warning.
    /// </summary>
    private sealed class OrphanRows(string source, string rowsName)
    {
        private int _count;
        private int _firstLine;
        private int _firstEntNum;

        /// <summary>The entry the row at <paramref name="line"/> adds to, or null (and the row counted) when sdn.csv has none.</summary>
        public PendingEntry? Find(Dictionary<int, PendingEntry> byId, int entNum, int line)
        {
            if (byId.TryGetValue(entNum, out PendingEntry? entry))
            {
                return entry;
            }

            if (_count++ == 0)
            {
                _firstLine = line;
                _firstEntNum = entNum;
            }

            return null;
        }

        public void Report(OfacCsvReaderOptions options, IssueSink errors, List<SanctionsLoadIssue> warnings)
        {
            if (_count == 0)
            {
                return;
            }

            var issue = new SanctionsLoadIssue(
                source,
                _firstLine,
                Invariant($"{_count} {rowsName} row(s) refer to an ent_num that is not in {SdnSource} (first: ent_num {_firstEntNum}); the files are not from the same download"));
            if (options.AllowOrphanAliases)
            {
                warnings.Add(issue);
            }
            else
            {
                errors.Add(issue);
            }
        }
    }
}
