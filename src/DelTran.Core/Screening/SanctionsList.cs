namespace DelTran.Core.Screening;

/// <summary>What a listed entry is. OFAC writes an entity as a null type; the other lists name it.</summary>
public enum SanctionsEntryType
{
    Individual,
    Entity,
    Vessel,
    Aircraft,
}

/// <summary>How an alias relates to the entry: also known as, formerly known as, now known as.</summary>
public enum AliasKind
{
    Aka,
    Fka,
    Nka,
}

/// <summary>Another name under which an entry is listed.</summary>
public sealed record SanctionsAlias(string Name, AliasKind Kind);

/// <summary>
/// One listed party. <see cref="Id"/> is the list's own identifier (OFAC's ent_num, later the UN reference
/// number or the EU logical id), so an operator can find the entry in the published list.
/// </summary>
public sealed record SanctionsEntry(
    string Id,
    string PrimaryName,
    IReadOnlyList<SanctionsAlias> Aliases,
    SanctionsEntryType Type,
    IReadOnlyList<string> Programs);

/// <summary>A sanctions list as loaded from one publication, e.g. "OFAC-SDN".</summary>
public sealed record SanctionsList(string Name, IReadOnlyList<SanctionsEntry> Entries)
{
    public int AliasCount => Entries.Sum(e => e.Aliases.Count);
}
