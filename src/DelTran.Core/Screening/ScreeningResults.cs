namespace DelTran.Core.Screening;

/// <summary>Outcome of screening, ordered so that the worst of several is the maximum.</summary>
public enum ScreeningDecision
{
    /// <summary>No listed name is close enough: the transaction continues.</summary>
    Clear = 0,

    /// <summary>Close to a listed name but not certain: the transaction is HELD for an operator.</summary>
    Possible = 1,

    /// <summary>A strong match: the transaction is rejected with RR04.</summary>
    Hit = 2,
}

/// <summary>
/// One listed entry a name matched: which list and entry, the listed name that matched (the primary name,
/// or an alias of kind <see cref="Alias"/>), and the score. Enough for an operator to find and judge the entry.
/// </summary>
public sealed record ScreeningMatch(
    string List,
    string EntryId,
    string MatchedName,
    AliasKind? Alias,
    string PrimaryName,
    SanctionsEntryType EntryType,
    double Score);

/// <summary>The result of screening one name: the decision, the best score, and the matches at or above the possible threshold, best first.</summary>
public sealed record NameScreeningResult(ScreeningDecision Decision, double Score, IReadOnlyList<ScreeningMatch> Matches)
{
    public static NameScreeningResult Clear { get; } = new(ScreeningDecision.Clear, 0.0, []);
}

/// <summary>Which party of a credit transfer a name belongs to.</summary>
public enum ScreeningParty
{
    Debtor,
    UltimateDebtor,
    Creditor,
    UltimateCreditor,
    DebtorAgent,
    CreditorAgent,
    IntermediaryAgent1,
    InstructingAgent,
    InstructedAgent,
}

/// <summary>One screened party: its role, the name as written in the message, and the result.</summary>
public sealed record PartyScreeningResult(ScreeningParty Party, string Name, NameScreeningResult Result)
{
    public ScreeningDecision Decision => Result.Decision;
}

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
}

/// <summary>A party or agent whose BIC a sanctions list names, with the entries that carry it (score 1).</summary>
public sealed record IdentifierScreeningResult(ScreeningParty Party, string Bic, IReadOnlyList<ScreeningMatch> Matches);

/// <summary>A party whose postal address or country of residence is an embargoed country.</summary>
public sealed record CountryScreeningResult(ScreeningParty Party, string Country);
