using DelTran.Core.Clearing;

namespace DelTran.Core.Tests.Clearing;

public sealed class WindowRetryTests
{
    [Fact]
    public void Decide_AllowsAFailedNettedWindowWhoseObligationsAreItsOwn()
    {
        Assert.Equal(WindowRetryVerdict.Allow, WindowRetry.Decide(new WindowRetryFacts("INR-000004", WindowState.Failed, null, Netted: true)));
    }

    [Theory]
    [InlineData(WindowState.Open)]
    [InlineData(WindowState.Closing)]
    [InlineData(WindowState.Netted)]
    [InlineData(WindowState.Settling)]
    [InlineData(WindowState.Settled)]
    public void Decide_RefusesAWindowThatIsNotFailed(WindowState state)
    {
        WindowRetryVerdict verdict = WindowRetry.Decide(new WindowRetryFacts("INR-000004", state, null, Netted: true));

        Assert.False(verdict.Allowed);
        Assert.Contains("only a FAILED window", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RefusesAWindowWhoseObligationsWereCarriedOn()
    {
        WindowRetryVerdict verdict = WindowRetry.Decide(new WindowRetryFacts("INR-000004", WindowState.Failed, "INR-000005", Netted: true));

        Assert.False(verdict.Allowed);
        Assert.Contains("carried into INR-000005", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RefusesAWindowThatFailedBeforeNetting()
    {
        WindowRetryVerdict verdict = WindowRetry.Decide(new WindowRetryFacts("INR-000004", WindowState.Failed, null, Netted: false));

        Assert.False(verdict.Allowed);
        Assert.Contains("failed before netting", verdict.Refusal, StringComparison.Ordinal);
    }
}
