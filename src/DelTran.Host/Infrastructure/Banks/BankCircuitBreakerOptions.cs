namespace DelTran.Host.Infrastructure.Banks;

/// <summary>
/// The breaker of each bank endpoint: it opens when at least <see cref="FailureRatio"/> of at least
/// <see cref="MinimumThroughput"/> attempts within <see cref="SamplingDuration"/> failed, and stays open for
/// <see cref="BreakDuration"/> before one trial call.
/// </summary>
public sealed class BankCircuitBreakerOptions
{
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 6;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Problems(string path)
    {
        if (FailureRatio is <= 0 or > 1)
        {
            yield return $"{path}:FailureRatio must be greater than 0 and at most 1.";
        }

        if (MinimumThroughput < 2)
        {
            yield return $"{path}:MinimumThroughput must be at least 2.";
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || SamplingDuration > TimeSpan.FromDays(1))
        {
            yield return $"{path}:SamplingDuration must be between 500 ms and 1 day.";
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500) || BreakDuration > TimeSpan.FromDays(1))
        {
            yield return $"{path}:BreakDuration must be between 500 ms and 1 day.";
        }
    }
}
