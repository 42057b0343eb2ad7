namespace DelTran.Core.Screening;

/// <summary>Keeps the first errors and counts the rest, so a garbage file costs bounded memory.</summary>
internal sealed class IssueSink
{
    // Enough to show what is wrong with a garbage file without holding one error per line of it.
    private const int MaxReported = 50;

    private readonly List<SanctionsLoadIssue> _kept = [];
    private int _dropped;

    public int Count => _kept.Count + _dropped;

    public void Add(SanctionsLoadIssue issue)
    {
        if (_kept.Count < MaxReported)
        {
            _kept.Add(issue);
        }
        else
        {
            _dropped++;
        }
    }

    public void Add(string source, int line, string message) => Add(new SanctionsLoadIssue(source, line, message));

    public List<SanctionsLoadIssue> ToList()
    {
        var all = new List<SanctionsLoadIssue>(_kept);
        if (_dropped > 0)
        {
            all.Add(new SanctionsLoadIssue(_kept[^1].Source, 0, ListText.Invariant($"{_dropped} further error(s) not listed")));
        }

        return all;
    }
}
