using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

public sealed class ScreeningOptionsTests
{
    [Fact]
    public void Default_IsValid()
    {
        Assert.Empty(ScreeningOptions.Default.Validate());
        Assert.Equal((0.97, 0.88), (ScreeningOptions.Default.HitThreshold, ScreeningOptions.Default.PossibleThreshold));
    }

    [Theory]
    [InlineData(0.95, 0.96, "must not exceed")]
    [InlineData(1.5, 0.9, "HitThreshold must be in (0, 1]")]
    [InlineData(0.95, 0.0, "PossibleThreshold must be in (0, 1]")]
    [InlineData(double.NaN, 0.9, "HitThreshold must be in (0, 1]")]
    public void Validate_ReportsWhatIsWrong(double hit, double possible, string expected)
    {
        IReadOnlyList<string> errors = new ScreeningOptions { HitThreshold = hit, PossibleThreshold = possible }.Validate();

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AllowsEqualThresholds()
    {
        // Possible equal to hit means no HELD outcome: every match either rejects or passes.
        Assert.Empty(new ScreeningOptions { HitThreshold = 0.9, PossibleThreshold = 0.9 }.Validate());
    }

    [Theory]
    [InlineData(1.0, ScreeningDecision.Hit)]
    [InlineData(0.97, ScreeningDecision.Hit)]
    [InlineData(0.9699, ScreeningDecision.Possible)]
    [InlineData(0.88, ScreeningDecision.Possible)]
    [InlineData(0.8799, ScreeningDecision.Clear)]
    [InlineData(0.0, ScreeningDecision.Clear)]
    public void Decide_AppliesTheThresholdsInclusively(double score, ScreeningDecision expected)
    {
        Assert.Equal(expected, ScreeningOptions.Default.Decide(score));
    }
}
