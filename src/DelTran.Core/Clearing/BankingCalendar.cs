using DelTran.Core.Amounts;

namespace DelTran.Core.Clearing;

/// <summary>
/// A currency's banking calendar: weekend days, holidays and the daily cut-off, all in the currency's home time zone.
/// The zone is given by the caller (Core never looks one up), so tests and hosts decide where tzdata comes from.
/// </summary>
public sealed class BankingCalendar
{
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;

    public BankingCalendar(Currency currency, IEnumerable<DayOfWeek> weekend, IEnumerable<DateOnly> holidays, TimeOnly cutoff, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(weekend);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(zone);
        if (currency.Code is null)
        {
            throw new ArgumentException("A banking calendar needs a currency.", nameof(currency));
        }

        _weekend = [.. weekend];
        if (_weekend.Count >= 7)
        {
            // No banking day would ever come; the next-day searches below would not end.
            throw new ArgumentException("A week needs at least one banking day.", nameof(weekend));
        }

        _holidays = [.. holidays];
        Currency = currency;
        Cutoff = cutoff;
        Zone = zone;
    }

    public Currency Currency { get; }

    /// <summary>The daily cut-off, local time in <see cref="Zone"/>.</summary>
    public TimeOnly Cutoff { get; }

    public TimeZoneInfo Zone { get; }

    public IReadOnlySet<DayOfWeek> Weekend => _weekend;

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public bool IsBankingDay(DateOnly date) => !_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    public DateOnly NextBankingDayOnOrAfter(DateOnly date)
    {
        // Ends: at least one weekday is a banking day and the holidays are finite.
        while (!IsBankingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public DateOnly NextBankingDayAfter(DateOnly date) => NextBankingDayOnOrAfter(date.AddDays(1));

    /// <summary>
    /// The business (settlement) date of a window closing at <paramref name="instant"/>: the local date in the zone
    /// when it is a banking day and the instant is strictly before the cut-off; otherwise the next banking day.
    /// </summary>
    public DateOnly BusinessDateAt(DateTimeOffset instant)
    {
        DateTime local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        return IsBankingDay(date) && TimeOnly.FromDateTime(local) < Cutoff ? date : NextBankingDayAfter(date);
    }

    /// <summary>
    /// The value date an obligation settles on: its requested date moved forward to a banking day, or the business
    /// date when none was requested or the requested date is earlier than the business date.
    /// </summary>
    public DateOnly SettlementDateFor(DateOnly? requested, DateOnly businessDate) =>
        requested is DateOnly date && date >= businessDate ? NextBankingDayOnOrAfter(date) : businessDate;

    /// <summary>
    /// The instant of the cut-off on <paramref name="date"/> in the zone. A cut-off that a clock change skips falls at
    /// the first valid local time after it; one that occurs twice takes the first occurrence.
    /// </summary>
    public DateTimeOffset CutoffOn(DateOnly date)
    {
        DateTime local = date.ToDateTime(Cutoff, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        TimeSpan offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// The cut-off of the window an obligation accepted at <paramref name="instant"/> belongs to: the first banking-day
    /// cut-off strictly after the instant. Its date is <see cref="BusinessDateAt"/> of the instant.
    /// </summary>
    public DateTimeOffset NextCutoffAfter(DateTimeOffset instant) => CutoffOn(BusinessDateAt(instant));
}
