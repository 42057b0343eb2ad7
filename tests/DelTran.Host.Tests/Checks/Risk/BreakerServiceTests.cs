using DelTran.Host.Checks.Risk;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Checks.Risk;

public sealed class BreakerServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("participant nobody at all", "Open")]
    [InlineData("participant SRCBINBB", "open")]
    [InlineData("participant SRCBINBB", "HalfOpenish")]
    public void Apply_SaysSo_AndChangesNothing_WhenAnotherInstancesChangeDoesNotRead(string subject, string state)
    {
        var logger = new RecordingLogger<BreakerService>();
        var breakers = new BreakerService(Options.Create(new BreakerSettings()), logger);
        var change = new CircuitBreakerChanged(Guid.NewGuid(), subject, "Tripped", "Closed", state, "settlement failures", Now, "tripped on instance b", "instance-b");

        Assert.False(breakers.Apply(change));

        (LogLevel level, string message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains($"subject '{subject}' or state '{state}' does not read", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OpensTheBreaker_WhenAnotherInstancesTripReads()
    {
        var logger = new RecordingLogger<BreakerService>();
        var breakers = new BreakerService(Options.Create(new BreakerSettings()), logger);

        Assert.True(breakers.Apply(new CircuitBreakerChanged(Guid.NewGuid(), "participant SRCBINBB", "Tripped", "Closed", "Open", "settlement failures", Now, "tripped on instance b", "instance-b")));

        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Error);
    }
}
