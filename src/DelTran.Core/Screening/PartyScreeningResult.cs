namespace DelTran.Core.Screening;

/// <summary>One screened party: its role, the name as written in the message, and the result.</summary>
public sealed record PartyScreeningResult(ScreeningParty Party, string Name, NameScreeningResult Result)
{
    public ScreeningDecision Decision => Result.Decision;
}
