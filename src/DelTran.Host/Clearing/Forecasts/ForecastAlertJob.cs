using System.Globalization;
using DelTran.Core.Liquidity;

namespace DelTran.Host.Clearing.Forecasts;

/// <summary>
/// Every quarter of an hour, per currency: the liquidity forecast, and a warning for each participant whose projected
/// net debit at the next cut-off exceeds its available funds, with the time by which it should fund.
/// </summary>
public sealed class ForecastAlertJob(LiquidityForecasts forecasts, ILogger<ForecastAlertJob> logger)
{
    public const string Cron = "*/15 * * * *";

    public static string RecurringId(string currency) => "liquidity-forecast-" + currency.ToUpperInvariant();

    public async Task RunAsync(string currency, CancellationToken cancellationToken)
    {
        foreach (LiquidityForecast forecast in await forecasts.ForecastAsync(currency, cancellationToken))
        {
            if (forecast.Alert)
            {
                ForecastLog.Shortfall(
                    logger,
                    forecast.Key.Participant,
                    currency,
                    forecast.Shortfall.ToString(CultureInfo.InvariantCulture),
                    forecast.FundBy?.ToString("O", CultureInfo.InvariantCulture) ?? "now",
                    forecast.Explanation ?? string.Empty);
            }
        }
    }
}
