namespace DelTran.Core.Screening;

/// <summary>
/// What a list reader gathers while it walks a file: the entries, the publication date, the errors and the
/// warnings. An id met again is a warning and the first entry stands: publishers repeat entries verbatim
/// (the EU's own sample does), and a repeat is no reason to refuse the list.
/// </summary>
/// <param name="source">The file, for the issues.</param>
/// <param name="idName">What the publisher calls an entry's id ("uid", "reference"), for the repeat warning.</param>
internal sealed class ListEntries(string source, string idName)
{
    private readonly List<SanctionsEntry> _entries = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public IssueSink Errors { get; } = new();

    public List<SanctionsLoadIssue> Warnings { get; } = [];

    public DateOnly? Published { get; set; }

    public int Count => _entries.Count;

    /// <summary>Adds an entry read at <paramref name="line"/>; null (an entry the reader refused) adds nothing.</summary>
    public void Add(SanctionsEntry? entry, int line)
    {
        if (entry is null)
        {
            return;
        }

        if (_ids.Add(entry.Id))
        {
            _entries.Add(entry);
        }
        else
        {
            Warnings.Add(new SanctionsLoadIssue(source, line, $"{idName} {entry.Id} appears twice; the repeat is ignored"));
        }
    }

    /// <summary>The list, or its refusal; a file read to its end without one <paramref name="entryName"/> is refused.</summary>
    public SanctionsLoadResult ToResult(string listName, bool readToEnd, string entryName)
    {
        if (readToEnd && _entries.Count == 0)
        {
            Errors.Add(source, 0, $"the file holds no {entryName}");
        }

        return SanctionsLoadResult.From(listName, _entries, Published, Errors, Warnings);
    }
}
