using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Liquidity;

/// <summary>
/// A participant's position in one currency. The participant is its BIC8 (institution and location): every
/// branch of a bank shares one position, as in <see cref="Bic.Institution"/>.
/// </summary>
public readonly record struct PositionKey
{
    public PositionKey(string participant, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (participant.Length != 8)
        {
            throw new ArgumentException($"A participant is a BIC8, not '{participant}'.", nameof(participant));
        }

        Participant = participant;
        Currency = currency;
    }

    /// <summary>The participant's BIC8.</summary>
    public string Participant { get; }

    public Currency Currency { get; }

    public static PositionKey Of(Bic participant, Currency currency) => new(participant.Institution, currency);

    public override string ToString() => Participant + "/" + Currency.Code;
}
