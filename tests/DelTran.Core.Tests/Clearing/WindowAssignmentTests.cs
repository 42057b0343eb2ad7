using DelTran.Core.Clearing;

namespace DelTran.Core.Tests.Clearing;

public sealed class WindowAssignmentTests
{
    // 16:00 in Mumbai.
    private static readonly DateTimeOffset Cutoff = new(2025, 8, 13, 16, 0, 0, TimeSpan.FromHours(5.5));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void BelongsBefore_IsHalfOpen_AroundTheCutoffTick(long ticks, bool expected)
    {
        Assert.Equal(expected, WindowAssignment.BelongsBefore(Cutoff.AddTicks(ticks), Cutoff));
    }

    [Fact]
    public void BelongsBefore_ComparesInstants_NotWallClocks()
    {
        // 10:30 UTC is the same instant as 16:00 in Mumbai, and 14:00 in Dubai is earlier.
        Assert.False(WindowAssignment.BelongsBefore(new DateTimeOffset(2025, 8, 13, 10, 30, 0, TimeSpan.Zero), Cutoff));
        Assert.True(WindowAssignment.BelongsBefore(new DateTimeOffset(2025, 8, 13, 14, 0, 0, TimeSpan.FromHours(4)), Cutoff));
    }

    [Theory]
    [InlineData("2025-08-12", true)]
    [InlineData("2025-08-13", true)]
    [InlineData("2025-08-14", false)]
    public void IsDue_CarriesOnlyFutureValueDates(string settlementDate, bool due)
    {
        Assert.Equal(due, WindowAssignment.IsDue(DateOnly.Parse(settlementDate, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2025, 8, 13)));
    }
}
