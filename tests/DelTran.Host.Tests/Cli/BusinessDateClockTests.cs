using DelTran.Host.Cli;
using Microsoft.Extensions.Time.Testing;

namespace DelTran.Host.Tests.Cli;

public sealed class BusinessDateClockTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(11, 59)]
    [InlineData(23, 15)]
    public void Clock_StartsAtNoonOfTheChosenDate_WhateverTheMachinesHour(int hour, int minute)
    {
        var machine = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, hour, minute, 0, TimeSpan.Zero));

        var clock = new BusinessDateClock(machine, new DateOnly(2026, 12, 1));
        machine.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 3, 0, TimeSpan.Zero), clock.GetUtcNow());
    }
}
