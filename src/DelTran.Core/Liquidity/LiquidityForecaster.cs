using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Liquidity;

/// <summary>
/// Projects each participant's net position to the next cut-off, as a plain function: open-window position + average
/// net flow per hour of the last N windows × hours left to the cut-off. The average weighs windows by their length
/// (total flow ÷ total hours), so a short window does not count as much as a long one.
/// </summary>
public static class LiquidityForecaster
{
    public static LiquidityForecast Forecast(ForecastInput input, DateTimeOffset now, DateTimeOffset cutOff, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid forecast options: " + string.Join(" ", problems), nameof(options));
        }

        decimal rate = HourlyRate(input.PreviousWindows, options.WindowsToAverage);
        decimal hours = cutOff > now ? Hours(cutOff - now) : 0m;
        Currency currency = input.Key.Currency;
        decimal projected = Round(input.OpenPosition + (rate * hours), currency);
        decimal netDebit = Math.Max(0m, -projected);
        decimal available = input.Funds.Available;
        decimal shortfall = Math.Max(0m, netDebit - available);
        if (shortfall == 0)
        {
            return new LiquidityForecast(input.Key, now, cutOff, input.OpenPosition, rate, projected, netDebit, available, 0m, null, null, null);
        }

        // The position falls linearly from the open position at the hourly rate; the breach is where it meets −available.
        // Rounding the projection can put the crossing a hair past the cut-off; it is then the cut-off.
        decimal hoursToBreach = input.OpenPosition <= -available || rate >= 0 ? 0m : Math.Min(hours, (input.OpenPosition + available) / -rate);
        DateTimeOffset breachAt = hoursToBreach >= hours ? Max(now, cutOff) : now + TimeSpan.FromTicks((long)(hoursToBreach * TimeSpan.TicksPerHour));
        DateTimeOffset fundBy = breachAt - options.LeadTime;
        string explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"{input.Key} is projected at {Money.FormatAmount(projected, currency)} by the cut-off {cutOff:O} (now {Money.FormatAmount(input.OpenPosition, currency)}, {Money.FormatAmount(Round(rate, currency), currency)} an hour); available {Money.FormatAmount(available, currency)}, short {Money.FormatAmount(shortfall, currency)} from {breachAt:O}; fund by {fundBy:O}.");
        return new LiquidityForecast(input.Key, now, cutOff, input.OpenPosition, rate, projected, netDebit, available, shortfall, breachAt, fundBy, explanation);
    }

    /// <summary>Every participant's forecast, ordered by participant and currency.</summary>
    public static IReadOnlyList<LiquidityForecast> ForecastAll(IEnumerable<ForecastInput> inputs, DateTimeOffset now, DateTimeOffset cutOff, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return [.. inputs
            .OrderBy(i => i.Key.Participant, StringComparer.Ordinal)
            .ThenBy(i => i.Key.Currency.Code, StringComparer.Ordinal)
            .Select(i => Forecast(i, now, cutOff, options))];
    }

    /// <summary>Total net flow ÷ total hours of the latest <paramref name="count"/> windows; zero without history.</summary>
    public static decimal HourlyRate(IReadOnlyList<WindowFlow> windows, int count)
    {
        ArgumentNullException.ThrowIfNull(windows);
        List<WindowFlow> recent = [.. windows.Where(w => w.Duration > TimeSpan.Zero).OrderByDescending(w => w.ClosedAt).Take(count)];
        decimal hours = recent.Sum(w => Hours(w.Duration));
        return hours == 0 ? 0m : recent.Sum(w => w.NetFlow) / hours;
    }

    private static decimal Hours(TimeSpan span) => (decimal)span.Ticks / TimeSpan.TicksPerHour;

    private static decimal Round(decimal amount, Currency currency) =>
        currency.MinorUnits is int units ? decimal.Round(amount, units, MidpointRounding.AwayFromZero) : amount;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
