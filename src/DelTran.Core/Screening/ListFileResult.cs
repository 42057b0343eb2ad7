namespace DelTran.Core.Screening;

/// <summary>
/// The outcome for one list of a folder: either a <see cref="Version"/> with its <see cref="List"/>, or the
/// <see cref="Errors"/> for which it was refused. <see cref="Sha256"/> is set either way, so a refused download can be
/// recorded too. <see cref="Source"/> (the primary file's name) is the key under which a version replaces the previous.
/// </summary>
public sealed record ListFileResult(
    string Source,
    IReadOnlyList<string> Files,
    ListFormat? Format,
    string Sha256,
    SanctionsListVersion? Version,
    SanctionsList? List,
    IReadOnlyList<SanctionsLoadIssue> Errors,
    IReadOnlyList<SanctionsLoadIssue> Warnings)
{
    public bool IsLoaded => List is not null;

    /// <summary>Why the list was refused, in one line; null when it loaded.</summary>
    public string? RefusalReason => IsLoaded ? null : string.Join("; ", Errors.Take(3));
}
