namespace DelTran.Core.Screening;

/// <summary>A party whose postal address or country of residence is an embargoed country.</summary>
public sealed record CountryScreeningResult(ScreeningParty Party, string Country);
