using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Tests.Liquidity;

public sealed class LiquidityForecastTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CutOff = Now.AddHours(4);
    private static readonly PositionKey MumbaiInr = new("SRCBINBB", Currency.Inr);
    private static readonly ForecastOptions Options = new() { WindowsToAverage = 3, LeadTime = TimeSpan.FromHours(1) };

    // Earlier windows of 6 hours each, ending at 09:00 on the days before; newest first is not required.
    private static WindowFlow Window(int daysAgo, decimal net, double hours = 6) =>
        new(Now.AddDays(-daysAgo).AddHours(-1 - hours), Now.AddDays(-daysAgo).AddHours(-1), net);

    private static ForecastInput Input(decimal open, decimal balance, WindowFlow[] windows, decimal creditLine = 0m, decimal reserved = 0m) =>
        new(MumbaiInr, open, windows, new AvailableFunds(balance, creditLine, reserved));

    [Fact]
    public void HourlyRate_WeighsTheLastNWindowsByTheirLength()
    {
        // Last 3 windows by close time: −600 over 6 h, −300 over 3 h, −900 over 6 h → −1800 / 15 h = −120 an hour.
        // The oldest (−100 000) is beyond N and ignored.
        WindowFlow[] windows = [Window(4, -100_000m), Window(1, -600m), Window(3, -900m), Window(2, -300m, hours: 3)];

        Assert.Equal(-120m, LiquidityForecaster.HourlyRate(windows, 3));
        Assert.Equal(0m, LiquidityForecaster.HourlyRate([], 3));
    }

    [Fact]
    public void Forecast_ProjectsTheOpenPosition_WithoutAlert_WhenFundsCoverIt()
    {
        LiquidityForecast forecast = LiquidityForecaster.Forecast(Input(-1_000m, 5_000m, [Window(1, -600m), Window(2, -600m)]), Now, CutOff, Options);

        // −1000 + (−100 an hour × 4 h) = −1400, covered by 5000.
        Assert.Equal((-100m, -1_400m, 1_400m, 0m, false), (forecast.HourlyNetFlow, forecast.ProjectedPosition, forecast.ProjectedNetDebit, forecast.Shortfall, forecast.Alert));
        Assert.Null(forecast.BreachAt);
        Assert.Null(forecast.Explanation);
    }

    [Fact]
    public void Forecast_Alerts_WithTheBreachTimeAndFundByTime_WhenTheDebitOutrunsTheFunds()
    {
        // −1000 falling 1000 an hour → −5000 at the cut-off. Available 4000 + 500 − 1000 = 3500: breach at −3500,
        // 2.5 h from now (12:30); fund by 11:30 with a one-hour lead time.
        ForecastInput input = Input(-1_000m, 4_000m, [Window(1, -6_000m), Window(2, -6_000m)], creditLine: 500m, reserved: 1_000m);

        LiquidityForecast forecast = LiquidityForecaster.Forecast(input, Now, CutOff, Options);

        Assert.Equal((-5_000m, 3_500m, 1_500m, true, false), (forecast.ProjectedPosition, forecast.Available, forecast.Shortfall, forecast.Alert, forecast.Late));
        Assert.Equal((Now.AddHours(2.5), Now.AddHours(1.5)), (forecast.BreachAt, forecast.FundBy));
        Assert.Equal(
            "SRCBINBB/INR is projected at -5000.00 by the cut-off 2026-11-24T14:00:00.0000000+00:00 (now -1000.00, -1000.00 an hour); available 3500.00, short 1500.00 from 2026-11-24T12:30:00.0000000+00:00; fund by 2026-11-24T11:30:00.0000000+00:00.",
            forecast.Explanation);
    }

    [Fact]
    public void Forecast_IsLate_WhenTheBreachIsCloserThanTheLeadTime()
    {
        // Breach 30 minutes from now; funding takes an hour.
        ForecastInput input = Input(-3_000m, 3_500m, [Window(1, -6_000m)]);

        LiquidityForecast forecast = LiquidityForecaster.Forecast(input, Now, CutOff, Options);

        Assert.Equal((true, true, Now.AddMinutes(30)), (forecast.Alert, forecast.Late, forecast.BreachAt));
    }

    [Fact]
    public void Forecast_BreachesNow_WhenTheOpenPositionIsAlreadyUncovered()
    {
        LiquidityForecast forecast = LiquidityForecaster.Forecast(Input(-4_000m, 3_500m, [Window(1, 6_000m)]), Now, CutOff, Options);

        // Inflows are expected (+1000 an hour → 0 by the cut-off), so no alert despite the current debit.
        Assert.False(forecast.Alert);

        LiquidityForecast flat = LiquidityForecaster.Forecast(Input(-4_000m, 3_500m, []), Now, CutOff, Options);
        Assert.Equal((true, Now, 500m), (flat.Alert, flat.BreachAt, flat.Shortfall));
    }

    [Fact]
    public void Forecast_UsesTheOpenPositionOnly_AtOrAfterTheCutOff()
    {
        LiquidityForecast forecast = LiquidityForecaster.Forecast(Input(-1_000m, 5_000m, [Window(1, -60_000m)]), CutOff.AddMinutes(5), CutOff, Options);

        Assert.Equal(-1_000m, forecast.ProjectedPosition);
    }

    [Fact]
    public void ForecastAll_OrdersByParticipantAndCurrency()
    {
        var funds = new AvailableFunds(0m, 0m, 0m);
        ForecastInput[] inputs =
        [
            new(new PositionKey("SRCBINBB", Currency.Usd), 0m, [], funds),
            new(new PositionKey("EPRLAEAD", Currency.Aed), 0m, [], funds),
            new(MumbaiInr, 0m, [], funds),
        ];

        IReadOnlyList<LiquidityForecast> all = LiquidityForecaster.ForecastAll(inputs, Now, CutOff, Options);

        Assert.Equal(["EPRLAEAD/AED", "SRCBINBB/INR", "SRCBINBB/USD"], all.Select(f => f.Key.ToString()));
    }

    [Theory]
    [InlineData(0, 1, "WindowsToAverage must be at least 1.")]
    [InlineData(3, -1, "LeadTime must not be negative.")]
    public void Validate_NamesTheProblem_ForBadOptions(int windows, int leadHours, string problem)
    {
        var options = new ForecastOptions { WindowsToAverage = windows, LeadTime = TimeSpan.FromHours(leadHours) };

        Assert.Equal([problem], options.Validate());
        Assert.Throws<ArgumentException>(() => LiquidityForecaster.Forecast(Input(0m, 0m, []), Now, CutOff, options));
    }

    [Fact]
    public void Forecast_AlertsExactlyWhenTheProjectedDebitExceedsTheFunds_AndTheBreachLiesBeforeTheCutOff()
    {
        Gen<WindowFlow> window = Gen.Select(Gen.Int[1, 30], Gen.Int[1, 12], Gen.Long[-10_000_000, 10_000_000])
            .Select((daysAgo, hours, minor) => Window(daysAgo, minor / 100m, hours));
        Gen.Select(Gen.Long[-10_000_000, 10_000_000], Gen.Long[-1_000_000, 10_000_000], Gen.Long[0, 1_000_000], window.Array[0, 6], Gen.Int[0, 600])
            .Sample((open, balance, reserved, windows, minutesToCutOff) =>
            {
                ForecastInput input = Input(open / 100m, balance / 100m, windows, reserved: reserved / 100m);
                DateTimeOffset cutOff = Now.AddMinutes(minutesToCutOff);

                LiquidityForecast f = LiquidityForecaster.Forecast(input, Now, cutOff, Options);

                Assert.Equal(Math.Max(0m, -f.ProjectedPosition) > input.Funds.Available, f.Alert);
                Assert.Equal(f.Alert, f.BreachAt is not null);
                if (f.BreachAt is { } breach)
                {
                    Assert.InRange(breach, Now, cutOff);
                    Assert.Equal(breach - Options.LeadTime, f.FundBy);
                }

                if (windows.Length == 0)
                {
                    Assert.Equal(input.OpenPosition, f.ProjectedPosition);
                }
            }, iter: 500);
    }
}
