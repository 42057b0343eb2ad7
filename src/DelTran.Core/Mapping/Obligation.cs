using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Mapping;

/// <summary>
/// What one accepted credit transfer means for clearing: <see cref="Debtor"/> (the debtor agent) owes
/// <see cref="Creditor"/> (the creditor agent) <see cref="Amount"/>, the interbank settlement amount, in the
/// currency it settles and nets in. Participants are the agents' institutions (BIC8), not their branches.
/// </summary>
public sealed record Obligation(
    Uetr? Uetr,
    string EndToEndId,
    string? TransactionId,
    string? InstructionId,
    Bic Debtor,
    Bic Creditor,
    Money Amount,
    DateOnly? ValueDate,
    Money? InstructedAmount,
    decimal? ExchangeRate)
{
    /// <summary>
    /// True when both agents are the same institution. <see cref="ObligationMapper"/> never produces one;
    /// a netting step can assert on it for obligations built elsewhere.
    /// </summary>
    public bool IsOnUs => Debtor.SameInstitution(Creditor);

    /// <summary>True when the debtor instructed in another currency than the one that settles: the FX leg is visible.</summary>
    public bool HasFxLeg => InstructedAmount is { } instructed && instructed.Currency != Amount.Currency;
}
