namespace DelTran.Core.Screening;

/// <summary>
/// One listed entry a name matched: which list and entry, the listed name that matched (the primary name,
/// or an alias of kind <see cref="Alias"/>), and the score. Enough for an operator to find and judge the entry.
/// </summary>
public sealed record ScreeningMatch(
    string List,
    string EntryId,
    string MatchedName,
    AliasKind? Alias,
    string PrimaryName,
    SanctionsEntryType EntryType,
    double Score);
