namespace DelTran.Core.Screening;

/// <summary>One party or agent as the compliance stage screens it: the name, the BIC, and its address and residence countries.</summary>
public sealed record ScreenedParty(ScreeningParty Party, string? Name, string? Bic, IReadOnlyList<string> Countries);
