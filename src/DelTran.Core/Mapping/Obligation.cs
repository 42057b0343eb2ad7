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

/// <summary>Why a transfer yields no obligation for DelTran to clear.</summary>
public enum ObligationExclusion
{
    /// <summary>
    /// Debtor agent and creditor agent are the same institution (BIC8): the bank settles it in its own
    /// books. DelTran does not clear on-us payments. No ISO reason code is attached yet; the pipeline maps this one.
    /// </summary>
    OnUs,
}

/// <summary>Either the obligation a transfer creates, or why it creates none.</summary>
public sealed record ObligationOutcome
{
    private ObligationOutcome(Obligation? obligation, ObligationExclusion? exclusion, string? explanation)
    {
        Obligation = obligation;
        Exclusion = exclusion;
        Explanation = explanation;
    }

    /// <summary>The obligation to clear; null when <see cref="Exclusion"/> says why not.</summary>
    public Obligation? Obligation { get; }

    public ObligationExclusion? Exclusion { get; }

    /// <summary>Human-readable reason for the exclusion.</summary>
    public string? Explanation { get; }

    public bool IsClearable => Obligation is not null;

    public static ObligationOutcome Clear(Obligation obligation) => new(obligation ?? throw new ArgumentNullException(nameof(obligation)), null, null);

    public static ObligationOutcome Excluded(ObligationExclusion exclusion, string explanation) => new(null, exclusion, explanation);
}
