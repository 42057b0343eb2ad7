namespace DelTran.Core.Screening;

/// <summary>A party or agent whose BIC a sanctions list names, with the entries that carry it (score 1).</summary>
public sealed record IdentifierScreeningResult(ScreeningParty Party, string Bic, IReadOnlyList<ScreeningMatch> Matches);
