namespace DelTran.Core.Screening;

/// <summary>
/// Either a loaded list, possibly with warnings, or the errors for which the files were refused.
/// A broken list is data, never an exception: the caller keeps the previous version in force.
/// </summary>
public sealed class SanctionsLoadResult
{
    private SanctionsLoadResult(SanctionsList? list, IReadOnlyList<SanctionsLoadIssue> errors, IReadOnlyList<SanctionsLoadIssue> warnings, DateOnly? publicationDate = null)
    {
        PublicationDate = publicationDate;
        List = list;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The list; null when the files were refused.</summary>
    public SanctionsList? List { get; }

    public IReadOnlyList<SanctionsLoadIssue> Errors { get; }

    /// <summary>Problems that did not refuse the list (only those the options relaxed).</summary>
    public IReadOnlyList<SanctionsLoadIssue> Warnings { get; }

    public bool IsLoaded => List is not null;

    /// <summary>The publication date the file carries (OFAC XML, UN, EU, UK); null for OFAC's CSV, which carries none.</summary>
    public DateOnly? PublicationDate { get; }

    public static SanctionsLoadResult Loaded(SanctionsList list, IReadOnlyList<SanctionsLoadIssue>? warnings = null, DateOnly? publicationDate = null) =>
        new(list ?? throw new ArgumentNullException(nameof(list)), [], warnings ?? [], publicationDate);

    internal static SanctionsLoadResult From(string listName, List<SanctionsEntry> entries, DateOnly? publicationDate, IssueSink errors, List<SanctionsLoadIssue> warnings) =>
        errors.Count > 0 ? Refused(errors.ToList()) : Loaded(new SanctionsList(listName, entries), warnings, publicationDate);

    public static SanctionsLoadResult Refused(IReadOnlyList<SanctionsLoadIssue> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A refused list needs at least one error.", nameof(errors));
        }

        return new(null, errors, []);
    }
}
