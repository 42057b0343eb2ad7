using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>The BICs of DelTran's participants. Matching is on the BIC8, so any branch of a participant is the participant.</summary>
public sealed class ParticipantDirectory
{
    private readonly HashSet<string> _institutions;

    public ParticipantDirectory(IEnumerable<Bic> participants)
    {
        _institutions = new HashSet<string>(participants.Select(p => p.Institution), StringComparer.Ordinal);
    }

    public int Count => _institutions.Count;

    public bool IsParticipant(Bic bic) => _institutions.Contains(bic.Institution);
}
