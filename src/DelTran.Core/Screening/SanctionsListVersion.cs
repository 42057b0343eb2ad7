namespace DelTran.Core.Screening;

public sealed record SanctionsListVersion(
    string ListId,
    ListFormat Format,
    string Source,
    IReadOnlyList<string> Files,
    DateOnly? PublicationDate,
    string Sha256,
    int EntryCount,
    int AliasCount);
