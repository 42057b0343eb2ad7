using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Netting;

namespace DelTran.Core.Tests.Clearing;

public sealed class WindowNettingTests
{
    private static NettingResult Net(params (string Debtor, string Creditor, decimal Amount, Currency Currency)[] obligations)
    {
        var netting = new NettingCalculator();
        foreach (var o in obligations)
        {
            netting.Add(o.Debtor, o.Creditor, new Money(o.Amount, o.Currency));
        }

        return netting.Complete();
    }

    [Fact]
    public void Judge_NetsWithItsEfficiency_WhenTheNetsMatchTheRecordedTotals()
    {
        NettingResult result = Net(("SRCBINBB", "EPRLAEAD", 100m, Currency.Inr), ("EPRLAEAD", "SRCBINBB", 60m, Currency.Inr));

        WindowNettingVerdict verdict = WindowNetting.Judge("INR-000002", Currency.Inr, result, 2, 160m);

        Assert.True(verdict.Netted);
        Assert.Equal(WindowState.Netted, verdict.To);
        Assert.Equal(result.Totals[0].Efficiency, verdict.Efficiency);
        Assert.StartsWith("netted 2 obligations, sum 160 INR, 2 positions, efficiency ", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NetsAnEmptyWindowAtZeroEfficiency_WhenItHasNoObligations()
    {
        WindowNettingVerdict verdict = WindowNetting.Judge("INR-000002", Currency.Inr, Net(), 0, 0m);

        Assert.Equal((WindowState.Netted, 0m), (verdict.To, verdict.Efficiency));
    }

    [Theory]
    [InlineData(3, 160)]
    [InlineData(2, 161)]
    public void Judge_FailsBeforeSettlement_WhenTheObligationsChangedSinceTheClose(long recordedCount, decimal recordedSum)
    {
        NettingResult result = Net(("SRCBINBB", "EPRLAEAD", 100m, Currency.Inr), ("EPRLAEAD", "SRCBINBB", 60m, Currency.Inr));

        WindowNettingVerdict verdict = WindowNetting.Judge("INR-000002", Currency.Inr, result, recordedCount, recordedSum);

        Assert.Equal(WindowState.Failed, verdict.To);
        Assert.StartsWith("Conservation check failed before settlement: ", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FailsBeforeSettlement_WhenTheWindowHoldsAnotherCurrency()
    {
        NettingResult result = Net(("SRCBINBB", "EPRLAEAD", 100m, Currency.Inr), ("EPRLAEAD", "SRCBINBB", 60m, Currency.Usd));

        WindowNettingVerdict verdict = WindowNetting.Judge("INR-000002", Currency.Inr, result, 1, 100m);

        Assert.Equal(WindowState.Failed, verdict.To);
        Assert.Contains("Window INR-000002 of INR holds obligations in another currency.", verdict.Cause, StringComparison.Ordinal);
    }
}
