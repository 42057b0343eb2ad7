namespace DelTran.Core.Screening;

/// <summary>The result of screening one name: the decision, the best score, and the matches at or above the possible threshold, best first.</summary>
public sealed record NameScreeningResult(ScreeningDecision Decision, double Score, IReadOnlyList<ScreeningMatch> Matches)
{
    public static NameScreeningResult Clear { get; } = new(ScreeningDecision.Clear, 0.0, []);
}
