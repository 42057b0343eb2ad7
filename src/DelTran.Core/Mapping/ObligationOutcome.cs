namespace DelTran.Core.Mapping;

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
