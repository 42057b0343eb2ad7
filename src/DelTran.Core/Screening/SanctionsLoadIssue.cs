namespace DelTran.Core.Screening;

/// <summary>One problem found while reading a list file: which file, which line (1-based; 0 for the file as a whole) and why.</summary>
public sealed record SanctionsLoadIssue(string Source, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Message}" : $"{Source}: {Message}";
}
