namespace DelTran.Core.Screening;

/// <summary>Another name under which an entry is listed.</summary>
public sealed record SanctionsAlias(string Name, AliasKind Kind);
