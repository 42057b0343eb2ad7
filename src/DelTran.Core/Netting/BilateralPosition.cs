using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>What two participants owe each other in one currency; <see cref="ParticipantA"/> sorts before <see cref="ParticipantB"/> (ordinal).</summary>
public sealed record BilateralPosition(string ParticipantA, string ParticipantB, Currency Currency, decimal AOwesB, decimal BOwesA)
{
    /// <summary>A's bilateral net: positive when A receives from B.</summary>
    public decimal Net => BOwesA - AOwesB;
}
