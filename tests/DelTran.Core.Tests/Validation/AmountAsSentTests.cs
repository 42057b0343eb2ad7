using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

public sealed class AmountAsSentTests
{
    [Theory]
    [InlineData("1500.00", "1500.00")]
    [InlineData("1500.125", "1500.125")]
    [InlineData("0", "0")]
    [InlineData("-25.50", "-25.50")]
    [InlineData(" 7.5 ", "7.5")]
    [InlineData("9999999999999.99999", "9999999999999.99999")]
    public void TryRead_KeepsTheAmountAsSent_WhenItReadsAsANumber(string text, string kept)
    {
        Assert.True(AmountAsSent.TryRead(new AmountRecord(text, "INR"), out decimal value));
        Assert.Equal(decimal.Parse(kept, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12,50")]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("10000000000000.00")]
    [InlineData("1.000001")]
    public void TryRead_KeepsNone_WhenTheTextIsNoISOAmount(string text) =>
        Assert.False(AmountAsSent.TryRead(new AmountRecord(text, "INR"), out _));

    [Fact]
    public void TryRead_KeepsNone_WhenThereIsNoAmount() => Assert.False(AmountAsSent.TryRead(null, out _));

    [Theory]
    [InlineData(1500.00, "INR", true)]
    [InlineData(0, "INR", true)]
    [InlineData(1500.125, "INR", false)]
    [InlineData(-1, "INR", false)]
    [InlineData(10, "inr", false)]
    [InlineData(10, null, false)]
    public void Echoable_IsOnlyAnAmountAStatusReportMayWrite(double amount, string? currency, bool echoable)
    {
        Money? echoed = AmountAsSent.Echoable((decimal)amount, currency);

        Assert.Equal(echoable, echoed is not null);
        Assert.Null(AmountAsSent.Echoable(null, "INR"));
    }
}
