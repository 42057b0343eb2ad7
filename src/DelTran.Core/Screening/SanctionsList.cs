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
    IReadOnlyList<string> Programs)
{
    /// <summary>
    /// Countries of the entry's addresses, nationalities and citizenships, as the list writes them: a name
    /// ("Saudi Arabia") in OFAC, UN and UK lists, an ISO 3166 code in the EU's ("SA", or "SAU" in the 1.0 file).
    /// </summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>BIC-like identifiers (SWIFT/BIC codes) the list gives for the entry, upper case.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];
}

/// <summary>
/// A sanctions list as loaded from one publication. <see cref="Name"/> is the list id: OFAC-SDN, OFAC-CONS,
/// UN-SC, EU-FSF or UK-HMT for the published formats (<see cref="ListLoader"/>).
/// </summary>
public sealed record SanctionsList(string Name, IReadOnlyList<SanctionsEntry> Entries)
{
    public int AliasCount => Entries.Sum(e => e.Aliases.Count);
}
