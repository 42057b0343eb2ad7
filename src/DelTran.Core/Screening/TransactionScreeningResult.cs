namespace DelTran.Core.Screening;

/// <summary>
/// The compliance decision for one transaction: the worst of its parties. A hit carries reason code RR04
/// (RegulatoryReason); a possible match carries none, because the transaction is held, not rejected.
/// </summary>
public sealed record TransactionScreeningResult(ScreeningDecision Decision, IReadOnlyList<PartyScreeningResult> Parties)
{
    /// <summary>Agents and parties whose BIC (first eight characters) a list gives for a listed entry: each a hit.</summary>
    public IReadOnlyList<IdentifierScreeningResult> IdentifierHits { get; init; } = [];

    /// <summary>Parties whose address or residence is in an embargoed country (<see cref="ScreeningOptions.EmbargoedCountries"/>): each held.</summary>
    public IReadOnlyList<CountryScreeningResult> EmbargoedCountries { get; init; } = [];

    public string? ReasonCode => Decision == ScreeningDecision.Hit ? Iso20022.ReasonCode.RR04 : null;

    public bool IsRejected => Decision == ScreeningDecision.Hit;

    public bool IsHeld => Decision == ScreeningDecision.Possible;

    /// <summary>The decision as the screening record stores it (HIT, POSSIBLE, CLEAR).</summary>
    public string DecisionCode => Decision.ToString().ToUpperInvariant();

    /// <summary>The highest score of any party's name; 0 when no party had one.</summary>
    public double TopScore => Parties.Count == 0 ? 0 : Parties.Max(p => p.Result.Score);
}
