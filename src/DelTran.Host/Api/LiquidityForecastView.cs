namespace DelTran.Host.Api;

/// <summary>A participant's projected net position at the next cut-off of a currency, with an alert when funds would not cover it.</summary>
public sealed record LiquidityForecastView(
    string Participant,
    string Currency,
    DateTimeOffset Cutoff,
    decimal OpenPosition,
    decimal HourlyNetFlow,
    decimal ProjectedPosition,
    decimal Available,
    decimal Shortfall,
    bool Alert,
    DateTimeOffset? BreachAt,
    DateTimeOffset? FundBy,
    bool Late,
    string? Explanation);
