using DelTran.Core.Netting;

namespace DelTran.Core.Tests.Netting;

public sealed class NettingEfficiencyTests
{
    [Theory]
    [InlineData("0.5714285714", "0.5714", "57.14%")]
    [InlineData("0.57145", "0.5715", "57.15%")]
    [InlineData("1", "1.0000", "100.00%")]
    [InlineData("0", "0.0000", "0.00%")]
    [InlineData("0.99995", "1.0000", "100.00%")]
    [InlineData("0.12", "0.1200", "12.00%")]
    public void FractionAndPercent_SayTheSameFigure_InFixedDecimals(string efficiency, string fraction, string percent)
    {
        decimal value = decimal.Parse(efficiency, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fraction, NettingEfficiency.Fraction(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(percent, NettingEfficiency.Percent(value));
    }

    [Fact]
    public void Fraction_OfAWindowNotNetted_IsNull() => Assert.Null(NettingEfficiency.Fraction((decimal?)null));
}
