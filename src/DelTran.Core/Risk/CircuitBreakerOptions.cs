using System.Globalization;

namespace DelTran.Core.Risk;

/// <summary>
/// When a circuit breaker trips and how it recovers. Counts are over a sliding window of <see cref="Window"/> ending
/// at now. The breaker trips on the first of: <see cref="SettlementFailureThreshold"/> settlement failures,
/// <see cref="CapBreachThreshold"/> cap breaches, or a reject rate of at least <see cref="RejectRateThreshold"/> once
/// at least <see cref="MinimumVolume"/> transactions were seen (a rate over three payments says nothing). A null
/// threshold switches that trigger off. After <see cref="OpenDuration"/> it lets trial traffic through; after
/// <see cref="HalfOpenTrials"/> good outcomes in a row it closes, and one bad outcome opens it again.
/// </summary>
public sealed record CircuitBreakerOptions
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    public int MinimumVolume { get; init; } = 20;

    /// <summary>Fraction of transactions refused (any reason, cap breaches included), 0 &lt; x ≤ 1; null for none.</summary>
    public decimal? RejectRateThreshold { get; init; } = 0.5m;

    public int? CapBreachThreshold { get; init; } = 10;

    public int? SettlementFailureThreshold { get; init; } = 1;

    public TimeSpan OpenDuration { get; init; } = TimeSpan.FromMinutes(5);

    public int HalfOpenTrials { get; init; } = 5;

    /// <summary>What is wrong with these options; empty when they are usable. The Host calls it at start-up.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Window <= TimeSpan.Zero)
        {
            problems.Add("Window must be positive.");
        }

        if (MinimumVolume < 1)
        {
            problems.Add("MinimumVolume must be at least 1.");
        }

        if (RejectRateThreshold is decimal rate && (rate <= 0m || rate > 1m))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"RejectRateThreshold must lie in (0, 1], not {rate}."));
        }

        if (CapBreachThreshold is < 1)
        {
            problems.Add("CapBreachThreshold must be at least 1 when set.");
        }

        if (SettlementFailureThreshold is < 1)
        {
            problems.Add("SettlementFailureThreshold must be at least 1 when set.");
        }

        if (OpenDuration <= TimeSpan.Zero)
        {
            problems.Add("OpenDuration must be positive.");
        }

        if (HalfOpenTrials < 1)
        {
            problems.Add("HalfOpenTrials must be at least 1.");
        }

        return problems;
    }
}
