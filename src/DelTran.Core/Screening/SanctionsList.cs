namespace DelTran.Core.Screening;

/// <summary>
/// A sanctions list as loaded from one publication. <see cref="Name"/> is the list id: OFAC-SDN, OFAC-CONS,
/// UN-SC, EU-FSF or UK-HMT for the published formats (<see cref="ListLoader"/>).
/// </summary>
public sealed record SanctionsList(string Name, IReadOnlyList<SanctionsEntry> Entries)
{
    public int AliasCount => Entries.Sum(e => e.Aliases.Count);
}
