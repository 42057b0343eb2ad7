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

    // Enough to show what is wrong with a garbage file without holding one error per line of it.
    private const int MaxErrorsReported = 50;

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
        var errors = new ErrorSink();
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

    private static void ReadSdn(Stream stream, OfacCsvReaderOptions options, List<PendingEntry> entries, Dictionary<int, PendingEntry> byId, ErrorSink errors)
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

    private static void ReadAlt(Stream stream, OfacCsvReaderOptions options, Dictionary<int, PendingEntry> byId, ErrorSink errors, List<SanctionsLoadIssue> warnings)
    {
        using var csv = new LegacyCsv(stream);
        var fields = new List<string?>(AltColumns);
        int orphans = 0;
        int firstOrphanLine = 0;
        int firstOrphanEntNum = 0;
        while (csv.ReadLine() is { } line)
        {
            int lineNumber = csv.LineNumber;
            if (!TryFields(AltSource, csv, line, fields, AltColumns, errors)
                || !TryEntNum(AltSource, lineNumber, fields[0], errors, out int entNum)
                || !TryNumber(AltSource, lineNumber, "alt_num", fields[1], errors, out _))
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

            if (!byId.TryGetValue(entNum, out PendingEntry? entry))
            {
                if (orphans++ == 0)
                {
                    firstOrphanLine = lineNumber;
                    firstOrphanEntNum = entNum;
                }

                continue;
            }

            entry.Aliases.Add(new SanctionsAlias(name.Trim(), kind));
        }

        CheckEnd(AltSource, csv, options, errors);
        ReportOrphans(AltSource, "alias", orphans, firstOrphanLine, firstOrphanEntNum, options, errors, warnings);
    }

    private static void ReadAdd(Stream stream, OfacCsvReaderOptions options, Dictionary<int, PendingEntry> byId, ErrorSink errors, List<SanctionsLoadIssue> warnings)
    {
        using var csv = new LegacyCsv(stream);
        var fields = new List<string?>(AddColumns);
        int orphans = 0;
        int firstOrphanLine = 0;
        int firstOrphanEntNum = 0;
        while (csv.ReadLine() is { } line)
        {
            int lineNumber = csv.LineNumber;
            if (!TryFields(AddSource, csv, line, fields, AddColumns, errors)
                || !TryEntNum(AddSource, lineNumber, fields[0], errors, out int entNum)
                || !TryNumber(AddSource, lineNumber, "add_num", fields[1], errors, out _))
            {
                continue;
            }

            if (!byId.TryGetValue(entNum, out PendingEntry? entry))
            {
                if (orphans++ == 0)
                {
                    firstOrphanLine = lineNumber;
                    firstOrphanEntNum = entNum;
                }

                continue;
            }

            entry.Builder.AddCountry(fields[4]);
            entry.Builder.AddIdentifiersFromText(fields[5]);
        }

        CheckEnd(AddSource, csv, options, errors);
        ReportOrphans(AddSource, "address", orphans, firstOrphanLine, firstOrphanEntNum, options, errors, warnings);
    }

    private static void ReportOrphans(string source, string what, int orphans, int firstLine, int firstEntNum, OfacCsvReaderOptions options, ErrorSink errors, List<SanctionsLoadIssue> warnings)
    {
        if (orphans == 0)
        {
            return;
        }

        var issue = new SanctionsLoadIssue(
            source,
            firstLine,
            Invariant($"{orphans} {what} row(s) refer to an ent_num that is not in {SdnSource} (first: ent_num {firstEntNum}); the files are not from the same download"));
        if (options.AllowOrphanAliases)
        {
            warnings.Add(issue);
        }
        else
        {
            errors.Add(issue);
        }
    }

    private static bool TryFields(string source, LegacyCsv csv, string line, List<string?> fields, int expected, ErrorSink errors)
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

    private static bool TryEntNum(string source, int line, string? text, ErrorSink errors, out int entNum) =>
        TryNumber(source, line, "ent_num", text, errors, out entNum);

    private static bool TryNumber(string source, int line, string column, string? text, ErrorSink errors, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        errors.Add(new SanctionsLoadIssue(source, line, $"{column} '{text}' is not a positive number"));
        return false;
    }

    private static void CheckEnd(string source, LegacyCsv csv, OfacCsvReaderOptions options, ErrorSink errors)
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

    // Keeps the first errors and counts the rest, so a garbage file costs bounded memory.
    private sealed class ErrorSink
    {
        private readonly List<SanctionsLoadIssue> _kept = [];
        private int _dropped;

        public int Count => _kept.Count + _dropped;

        public void Add(SanctionsLoadIssue issue)
        {
            if (_kept.Count < MaxErrorsReported)
            {
                _kept.Add(issue);
            }
            else
            {
                _dropped++;
            }
        }

        public List<SanctionsLoadIssue> ToList()
        {
            var all = new List<SanctionsLoadIssue>(_kept);
            if (_dropped > 0)
            {
                all.Add(new SanctionsLoadIssue(_kept[^1].Source, 0, Invariant($"{_dropped} further error(s) not listed")));
            }

            return all;
        }
    }
}
