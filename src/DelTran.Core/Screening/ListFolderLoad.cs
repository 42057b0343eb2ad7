namespace DelTran.Core.Screening;

/// <summary>The results for a folder, plus the files that are not list files (README, SOURCES.md) and were ignored.</summary>
public sealed record ListFolderLoad(IReadOnlyList<ListFileResult> Lists, IReadOnlyList<string> Skipped)
{
    public IEnumerable<ListFileResult> Refused => Lists.Where(l => !l.IsLoaded);
}
