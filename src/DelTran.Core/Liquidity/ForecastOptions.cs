namespace DelTran.Core.Liquidity;

/// <summary>
/// How the forecast looks back and how much warning a participant needs: the average over the last
/// <see cref="WindowsToAverage"/> windows, and <see cref="LeadTime"/>, how long funding the settlement account takes.
/// </summary>
public sealed record ForecastOptions
{
    public int WindowsToAverage { get; init; } = 5;

    public TimeSpan LeadTime { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (WindowsToAverage < 1)
        {
            problems.Add("WindowsToAverage must be at least 1.");
        }

        if (LeadTime < TimeSpan.Zero)
        {
            problems.Add("LeadTime must not be negative.");
        }

        return problems;
    }
}
