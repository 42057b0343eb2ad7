using DelTran.Core.Screening;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// The list set in force (its fingerprint and one line per list version) and its index, with the results of the names
/// screened against it so far.
/// </summary>
public sealed record ScreeningSnapshot(string Fingerprint, string Description, ScreeningMemo Memo)
{
    public SanctionsIndex Index => Memo.Index;
}
