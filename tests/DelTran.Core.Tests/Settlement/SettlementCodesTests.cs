using DelTran.Core.Settlement;

namespace DelTran.Core.Tests.Settlement;

public sealed class SettlementCodesTests
{
    [Fact]
    public void Code_ReadsBackAsTheSameValue_ForEveryDirectionAndStatus()
    {
        foreach (SettlementDirection direction in Enum.GetValues<SettlementDirection>())
        {
            Assert.True(SettlementCodes.TryParse(SettlementCodes.Code(direction), out SettlementDirection read));
            Assert.Equal(direction, read);
        }

        foreach (SettlementInstructionStatus status in Enum.GetValues<SettlementInstructionStatus>())
        {
            Assert.True(SettlementCodes.TryParse(SettlementCodes.Code(status), out SettlementInstructionStatus read));
            Assert.Equal(status, read);
        }
    }

    [Theory]
    [InlineData("DEBIT", "RESERVED")]
    [InlineData("CREDIT", "POSTED")]
    public void Code_IsTheStoredCode_AsTheDatabaseHoldsIt(string direction, string status)
    {
        Assert.True(SettlementCodes.TryParse(direction, out SettlementDirection d));
        Assert.True(SettlementCodes.TryParse(status, out SettlementInstructionStatus s));
        Assert.Equal(direction, SettlementCodes.Code(d));
        Assert.Equal(status, SettlementCodes.Code(s));
    }

    [Theory]
    [InlineData("debit")]
    [InlineData("Posted")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Refuses_WhenTheCodeIsNotExact(string? code)
    {
        Assert.False(SettlementCodes.TryParse(code, out SettlementDirection _));
        Assert.False(SettlementCodes.TryParse(code, out SettlementInstructionStatus _));
    }
}
