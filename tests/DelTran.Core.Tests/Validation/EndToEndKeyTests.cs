using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

public sealed class EndToEndKeyTests
{
    [Fact]
    public void Of_IsTheSameForTheSamePair_AndDiffersWhenEitherPartDiffers()
    {
        Assert.Equal(EndToEndKey.Of("SRCBINBB", "E2E-1"), EndToEndKey.Of("SRCBINBB", "E2E-1"));
        Assert.NotEqual(EndToEndKey.Of("SRCBINBB", "E2E-1"), EndToEndKey.Of("SRCBINBB", "E2E-2"));
        Assert.NotEqual(EndToEndKey.Of("SRCBINBB", "E2E-1"), EndToEndKey.Of("KVRIINBB", "E2E-1"));
    }

    [Fact]
    public void Of_KeepsTheBoundaryBetweenAgentAndId()
    {
        Assert.NotEqual(EndToEndKey.Of("AB", "C"), EndToEndKey.Of("A", "BC"));
        Assert.NotEqual(EndToEndKey.Of(string.Empty, "1:X"), EndToEndKey.Of("X", string.Empty));
    }

    [Fact]
    public void Of_TakesAnyText_LongOrNotAscii()
    {
        string longId = new('x', 5000);
        Assert.Equal(EndToEndKey.Of("SRCBINBB", longId), EndToEndKey.Of("SRCBINBB", longId));
        Assert.NotEqual(EndToEndKey.Of("SRCBINBB", "Zahlung-ä"), EndToEndKey.Of("SRCBINBB", "Zahlung-a"));
    }
}
