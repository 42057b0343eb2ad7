using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Tests.Liquidity;

public sealed class CorridorTextTests
{
    [Fact]
    public void TryParse_ReadsToStringsTextBack()
    {
        var corridor = new Corridor("IN", "AE", Currency.Inr);

        Assert.True(Corridor.TryParse(corridor.ToString(), out Corridor read));
        Assert.Equal(corridor, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("IN-AE-INR")]
    [InlineData("IN->AE")]
    [InlineData("IN->AE 123")]
    [InlineData("IN->AE->US INR")]
    public void TryParse_RefusesOtherText(string? text)
    {
        Assert.False(Corridor.TryParse(text, out _));
    }
}
