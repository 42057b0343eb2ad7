namespace DelTran.Core.Liquidity;

/// <summary>
/// The expected position at the cut-off and what it means. <see cref="Alert"/> is raised when the projected net debit
/// exceeds balance + credit line − reserved. <see cref="BreachAt"/> is when the projection crosses that line (the
/// liquidity stage starts refusing the participant's payments then, not at the cut-off), and <see cref="FundBy"/> is
/// that instant less the lead time; <see cref="Late"/> says the alert comes after it.
/// </summary>
public sealed record LiquidityForecast(
    PositionKey Key,
    DateTimeOffset At,
    DateTimeOffset CutOff,
    decimal OpenPosition,
    decimal HourlyNetFlow,
    decimal ProjectedPosition,
    decimal ProjectedNetDebit,
    decimal Available,
    decimal Shortfall,
    DateTimeOffset? BreachAt,
    DateTimeOffset? FundBy,
    string? Explanation)
{
    public bool Alert => Shortfall > 0;

    public bool Late => FundBy is { } fundBy && At > fundBy;
}
