namespace DelTran.Core.Screening;

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
