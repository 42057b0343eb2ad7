namespace DelTran.Core.Screening;

/// <summary>Rules of the OFAC legacy CSV reader that an operator may relax.</summary>
public sealed record OfacCsvReaderOptions
{
    public static OfacCsvReaderOptions Default { get; } = new();

    /// <summary>
    /// List name given to the result. "OFAC-SDN" for sdn.csv; OFAC publishes its consolidated non-SDN list
    /// in the same layout (cons_prim.csv, cons_alt.csv), which loads under another name.
    /// </summary>
    public string ListName { get; init; } = "OFAC-SDN";

    /// <summary>
    /// OFAC ends each file with a 0x1A byte. A file cut at a line boundary parses cleanly otherwise, so a
    /// missing marker is how truncation shows; relax only for copies known to have lost it.
    /// </summary>
    public bool RequireEndOfFileMarker { get; init; } = true;

    /// <summary>
    /// An alt.csv row whose ent_num is not in sdn.csv means the two files come from different downloads.
    /// Refused by default; when allowed, the rows are dropped and counted in a warning.
    /// </summary>
    public bool AllowOrphanAliases { get; init; }
}
