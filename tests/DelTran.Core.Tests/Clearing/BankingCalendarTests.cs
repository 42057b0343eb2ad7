using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;

namespace DelTran.Core.Tests.Clearing;

public sealed class BankingCalendarTests
{
    private static readonly DayOfWeek[] SaturdaySunday = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    // INR: cut-off 16:00 in Mumbai (UTC+05:30); Independence Day on Friday 15 August 2025.
    private static readonly BankingCalendar Inr = new(
        Currency.Inr, SaturdaySunday, [new DateOnly(2025, 8, 15), new DateOnly(2025, 10, 2)], new TimeOnly(16, 0), TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

    // AED: cut-off 15:00 in Dubai (UTC+04:00); National Day on Tuesday 2 December 2025.
    private static readonly BankingCalendar Aed = new(
        Currency.Aed, SaturdaySunday, [new DateOnly(2025, 12, 2), new DateOnly(2025, 12, 3)], new TimeOnly(15, 0), TimeZoneInfo.FindSystemTimeZoneById("Asia/Dubai"));

    private static DateOnly Date(int month, int day) => new(2025, month, day);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void IsBankingDay_DiffersBetweenInrAndAed_OnEachOnesHolidays()
    {
        Assert.False(Inr.IsBankingDay(Date(8, 15)));
        Assert.True(Aed.IsBankingDay(Date(8, 15)));
        Assert.True(Inr.IsBankingDay(Date(12, 2)));
        Assert.False(Aed.IsBankingDay(Date(12, 2)));
    }

    [Theory]
    [InlineData(8, 16, false)]
    [InlineData(8, 17, false)]
    [InlineData(8, 18, true)]
    [InlineData(8, 14, true)]
    public void IsBankingDay_ExcludesTheWeekend(int month, int day, bool banking)
    {
        Assert.Equal(banking, Inr.IsBankingDay(Date(month, day)));
    }

    [Fact]
    public void NextBankingDay_RollsOverAHolidayFollowedByAWeekend()
    {
        Assert.Equal(Date(8, 18), Inr.NextBankingDayAfter(Date(8, 14)));
        Assert.Equal(Date(8, 18), Inr.NextBankingDayOnOrAfter(Date(8, 15)));
        Assert.Equal(Date(8, 14), Inr.NextBankingDayOnOrAfter(Date(8, 14)));
        Assert.Equal(Date(8, 15), Aed.NextBankingDayAfter(Date(8, 14)));
        // Two AED holidays, Tuesday and Wednesday, then Thursday.
        Assert.Equal(Date(12, 4), Aed.NextBankingDayAfter(Date(12, 1)));
    }

    [Fact]
    public void BusinessDateAt_MovesToTheNextBankingDay_ExactlyAtTheCutoffInstant()
    {
        DateTimeOffset cutoff = Utc(8, 13, 10, 30); // 16:00 in Mumbai

        Assert.Equal(Date(8, 13), Inr.BusinessDateAt(cutoff.AddTicks(-1)));
        Assert.Equal(Date(8, 14), Inr.BusinessDateAt(cutoff));
        Assert.Equal(cutoff, Inr.CutoffOn(Date(8, 13)));
    }

    [Fact]
    public void BusinessDateAt_RollsOverTheHolidayAndWeekend_AfterThursdaysCutoff()
    {
        Assert.Equal(Date(8, 14), Inr.BusinessDateAt(Utc(8, 14, 10, 29)));
        Assert.Equal(Date(8, 18), Inr.BusinessDateAt(Utc(8, 14, 10, 30)));
        Assert.Equal(Date(8, 18), Inr.BusinessDateAt(Utc(8, 15, 9, 0)));
        Assert.Equal(Date(8, 18), Inr.BusinessDateAt(Utc(8, 17, 23, 0)));
    }

    [Fact]
    public void BusinessDateAt_DiffersBetweenInrAndAed_ForTheSameInstant()
    {
        // 16:15 in Mumbai is past its cut-off; 14:45 in Dubai is not.
        DateTimeOffset instant = Utc(8, 13, 10, 45);

        Assert.Equal(Date(8, 14), Inr.BusinessDateAt(instant));
        Assert.Equal(Date(8, 13), Aed.BusinessDateAt(instant));
    }

    [Fact]
    public void BusinessDateAt_UsesTheDateInTheCurrencysZone_NotUtc()
    {
        // 20:00 UTC on the 12th is 01:30 on the 13th in Mumbai.
        Assert.Equal(Date(8, 13), Inr.BusinessDateAt(Utc(8, 12, 20, 0)));
    }

    [Fact]
    public void BusinessDateAt_FollowsTheGivenZone_ForACustomZone()
    {
        TimeZoneInfo plusTen = TimeZoneInfo.CreateCustomTimeZone("Test+10", TimeSpan.FromHours(10), "Test+10", "Test+10");
        var calendar = new BankingCalendar(Currency.Usd, SaturdaySunday, [], new TimeOnly(9, 0), plusTen);

        Assert.Equal(Date(8, 13), calendar.BusinessDateAt(Utc(8, 12, 22, 59)));
        Assert.Equal(Date(8, 14), calendar.BusinessDateAt(Utc(8, 12, 23, 0)));
        Assert.Equal(Utc(8, 12, 23, 0), calendar.CutoffOn(Date(8, 13)));
    }

    [Theory]
    [InlineData(null, 8, 14)]
    [InlineData("2025-08-01", 8, 14)]
    [InlineData("2025-08-14", 8, 14)]
    [InlineData("2025-08-15", 8, 18)]
    [InlineData("2025-08-16", 8, 18)]
    [InlineData("2025-08-20", 8, 20)]
    public void SettlementDateFor_MovesARequestedDateToABankingDay(string? requested, int month, int day)
    {
        DateOnly? date = requested is null ? null : DateOnly.Parse(requested, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(Date(month, day), Inr.SettlementDateFor(date, Date(8, 14)));
    }

    [Fact]
    public void CutoffOn_HandlesClockChanges_InAZoneWithSummerTime()
    {
        var london = new BankingCalendar(Currency.Parse("GBP"), SaturdaySunday, [], new TimeOnly(1, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        // 01:30 does not exist on 30 March 2025 (clocks go 01:00 → 02:00): the cut-off falls at 02:00 BST.
        Assert.Equal(Utc(3, 30, 1, 0), london.CutoffOn(Date(3, 30)));
        // 01:30 happens twice on 26 October 2025: the first, in BST, counts.
        Assert.Equal(Utc(10, 26, 0, 30), london.CutoffOn(Date(10, 26)));
        Assert.Equal(Utc(8, 13, 0, 30), london.CutoffOn(Date(8, 13)));
    }

    [Fact]
    public void Constructor_Throws_WhenEveryDayIsAWeekendDay()
    {
        Assert.Throws<ArgumentException>(() => new BankingCalendar(Currency.Inr, Enum.GetValues<DayOfWeek>(), [], new TimeOnly(16, 0), TimeZoneInfo.Utc));
    }

    [Fact]
    public void NextCutoffAfter_IsTheFirstBankingDayCutoffAfterTheInstant_ForAnyInstant()
    {
        DateTimeOffset start = Utc(7, 1, 0, 0);
        Gen.Long[0, TimeSpan.FromDays(200).Ticks].Select(t => start.AddTicks(t)).Sample(instant =>
        {
            foreach (BankingCalendar calendar in new[] { Inr, Aed })
            {
                DateOnly business = calendar.BusinessDateAt(instant);
                DateTimeOffset cutoff = calendar.NextCutoffAfter(instant);

                Assert.True(calendar.IsBankingDay(business));
                Assert.Equal(calendar.CutoffOn(business), cutoff);
                Assert.True(WindowAssignment.BelongsBefore(instant, cutoff));
                // No banking-day cut-off lies between the instant and the one it was assigned to.
                for (DateOnly day = DateOnly.FromDateTime(instant.UtcDateTime).AddDays(-1); day < business; day = day.AddDays(1))
                {
                    Assert.False(calendar.IsBankingDay(day) && calendar.CutoffOn(day) > instant, $"{day} closes at {calendar.CutoffOn(day)} before {cutoff}");
                }
            }
        }, iter: 500);
    }
}
