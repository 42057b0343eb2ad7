using System.Globalization;

namespace DelTran.Core.Screening;

/// <summary>
/// Screening thresholds, from configuration section <see cref="SectionName"/>. A name scoring at least
/// <see cref="HitThreshold"/> against a listed name is a hit (the transaction is rejected, RR04); at least
/// <see cref="PossibleThreshold"/>, a possible match (the transaction is held for an operator); below, clear.
/// <para>
/// The defaults come from perturbing listed names against ordinary Indian, Emirati and American names: a hit
/// rejects without a human, so it needs all tokens the same after normalisation or nearly so (one typo in a long
/// name); a dropped or added middle name scores about 0.93 and is held. On bench/screening.sh's labelled set (every
/// list of ../shared/sanctions) these give recall 0.977-0.988 on perturbed listed names and 0.2-1.2% of ordinary
/// names held, over eight seeds (seed 20260505: 0.983 and 1.2%).
/// </para>
/// </summary>
public sealed record ScreeningOptions
{
    public const string SectionName = "Screening";

    public static ScreeningOptions Default { get; } = new();

    public double HitThreshold { get; init; } = 0.97;

    public double PossibleThreshold { get; init; } = 0.88;

    /// <summary>
    /// ISO 3166 alpha-2 codes of comprehensively sanctioned jurisdictions: a party whose postal address or residence is
    /// in one is held for an operator (possible), whatever its name. Empty by default: which countries is policy.
    /// </summary>
    public IReadOnlySet<string> EmbargoedCountries { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with these options; empty when they are usable. For ValidateOnStart in the host.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(HitThreshold is > 0 and <= 1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(HitThreshold)} must be in (0, 1], not {HitThreshold}."));
        }

        if (!(PossibleThreshold is > 0 and <= 1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(PossibleThreshold)} must be in (0, 1], not {PossibleThreshold}."));
        }

        if (PossibleThreshold > HitThreshold)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(PossibleThreshold)} ({PossibleThreshold}) must not exceed {nameof(HitThreshold)} ({HitThreshold})."));
        }

        return errors;
    }

    public ScreeningDecision Decide(double score) =>
        score >= HitThreshold ? ScreeningDecision.Hit
        : score >= PossibleThreshold ? ScreeningDecision.Possible
        : ScreeningDecision.Clear;

    internal void ThrowIfInvalid()
    {
        // Called for every name screened: the common case costs three comparisons, not a list.
        if (HitThreshold is > 0 and <= 1 && PossibleThreshold is > 0 and <= 1 && PossibleThreshold <= HitThreshold)
        {
            return;
        }

        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid screening options: " + string.Join(" ", errors));
        }
    }
}
