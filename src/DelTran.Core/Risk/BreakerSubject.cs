using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>What a breaker guards: a participant (its BIC8, all currencies) or a corridor.</summary>
public readonly record struct BreakerSubject
{
    private BreakerSubject(BreakerSubjectKind kind, string? participant, Corridor? corridor)
    {
        Kind = kind;
        Participant = participant;
        Corridor = corridor;
    }

    public BreakerSubjectKind Kind { get; }

    /// <summary>The participant's BIC8 when <see cref="Kind"/> is Participant.</summary>
    public string? Participant { get; }

    public Corridor? Corridor { get; }

    public static BreakerSubject ForParticipant(string bic8)
    {
        ArgumentNullException.ThrowIfNull(bic8);
        if (bic8.Length != 8)
        {
            throw new ArgumentException($"A participant is a BIC8, not '{bic8}'.", nameof(bic8));
        }

        return new(BreakerSubjectKind.Participant, bic8, null);
    }

    public static BreakerSubject ForCorridor(Corridor corridor) => new(BreakerSubjectKind.Corridor, null, corridor);

    public override string ToString() => Kind == BreakerSubjectKind.Participant ? "participant " + Participant : "corridor " + Corridor;

    /// <summary>Reads <see cref="ToString"/>'s "participant SRCBINBB" or "corridor IN->AE INR" back; false for anything else.</summary>
    public static bool TryParse(string? text, out BreakerSubject subject)
    {
        subject = default;
        const string participant = "participant ", corridor = "corridor ";
        if (text is not null && text.StartsWith(participant, StringComparison.Ordinal) && text.Length == participant.Length + 8)
        {
            subject = ForParticipant(text[participant.Length..]);
            return true;
        }

        if (text is not null && text.StartsWith(corridor, StringComparison.Ordinal) && Liquidity.Corridor.TryParse(text[corridor.Length..], out Corridor route))
        {
            subject = ForCorridor(route);
            return true;
        }

        return false;
    }
}
