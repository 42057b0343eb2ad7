using DelTran.Core.Amounts;
using DelTran.Core.Netting;

namespace DelTran.Core.Tests.Netting;

public sealed class NettingCalculatorTests
{
    private const string Mumbai = "HDFCINBB";
    private const string Dubai = "EBILAEAD";
    private const string NewYork = "CITIUS33";

    private static Money Inr(decimal amount) => new(amount, Currency.Inr);

    private static Money Usd(decimal amount) => new(amount, Currency.Usd);

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    [InlineData(-100)]
    public void Add_Throws_WhenAmountIsNotPositive(double amount)
    {
        var calculator = new NettingCalculator();

        Assert.Throws<ArgumentException>(() => calculator.Add(Mumbai, Dubai, Inr((decimal)amount)));
        Assert.Equal(0, calculator.ObligationCount);
    }

    [Fact]
    public void Add_Throws_WhenDebtorIsCreditor()
    {
        var calculator = new NettingCalculator();

        Assert.Throws<ArgumentException>(() => calculator.Add(Mumbai, Mumbai, Inr(10m)));
    }

    [Fact]
    public void Add_Throws_WhenParticipantIsMissingOrCurrencyUnset()
    {
        var calculator = new NettingCalculator();

        Assert.ThrowsAny<ArgumentException>(() => calculator.Add("", Dubai, Inr(10m)));
        Assert.ThrowsAny<ArgumentException>(() => calculator.Add(Mumbai, null!, Inr(10m)));
        Assert.Throws<ArgumentException>(() => calculator.Add(Mumbai, Dubai, new Money(10m, default)));
    }

    [Fact]
    public void Complete_NetsACycle_IntoMultilateralPositions()
    {
        var calculator = new NettingCalculator();
        calculator.Add(Mumbai, Dubai, Inr(100m));
        calculator.Add(Dubai, NewYork, Inr(60m));
        calculator.Add(NewYork, Mumbai, Inr(30m));
        calculator.Add(Mumbai, Dubai, Inr(0.50m));

        NettingResult result = calculator.Complete();

        Assert.Equal(
            [
                new NetPosition(NewYork, Currency.Inr, 30m, 60m, 1, 1),
                new NetPosition(Dubai, Currency.Inr, 60m, 100.50m, 1, 2),
                new NetPosition(Mumbai, Currency.Inr, 100.50m, 30m, 2, 1),
            ],
            result.Positions);
        Assert.Equal([30m, 40.50m, -70.50m], result.Positions.Select(p => p.Net));
        CurrencyNettingTotals totals = Assert.Single(result.Totals);
        Assert.Equal(new CurrencyNettingTotals(Currency.Inr, 4, 190.50m, 190.50m, 190.50m, 0m, 141m), totals);
        Assert.Equal(1m - (141m / 381m), totals.Efficiency);
    }

    [Fact]
    public void Complete_OrdersBilateralPairs_WithAOrdinallyBeforeB()
    {
        var calculator = new NettingCalculator();
        calculator.Add(Mumbai, Dubai, Inr(100m));
        calculator.Add(Dubai, Mumbai, Inr(25m));
        calculator.Add(NewYork, Dubai, Inr(5m));

        NettingResult result = calculator.Complete();

        // "CITIUS33" < "EBILAEAD" < "HDFCINBB" ordinally.
        Assert.Equal(
            [
                new BilateralPosition(NewYork, Dubai, Currency.Inr, 5m, 0m),
                new BilateralPosition(Dubai, Mumbai, Currency.Inr, 25m, 100m),
            ],
            result.Bilateral);
        Assert.Equal(75m, result.Bilateral[1].Net);
        Assert.Equal(-5m, result.Bilateral[0].Net);
    }

    [Fact]
    public void Complete_SortsByCurrencyThenParticipant_AndKeepsCurrenciesApart()
    {
        var calculator = new NettingCalculator();
        calculator.Add(NewYork, Mumbai, Usd(10m));
        calculator.Add(Mumbai, Dubai, Inr(7m));
        calculator.Add(Dubai, NewYork, new Money(3m, Currency.Aed));

        NettingResult result = calculator.Complete();

        Assert.Equal(
            ["AED/CITIUS33", "AED/EBILAEAD", "INR/EBILAEAD", "INR/HDFCINBB", "USD/CITIUS33", "USD/HDFCINBB"],
            result.Positions.Select(p => p.Currency.Code + "/" + p.Participant));
        Assert.Equal(["AED", "INR", "USD"], result.Totals.Select(t => t.Currency.Code));
        Assert.All(result.Totals, t => Assert.Equal(1, t.ObligationCount));
    }

    [Fact]
    public void Complete_ReturnsEmptyLists_WhenNothingWasAdded()
    {
        NettingResult result = new NettingCalculator().Complete();

        Assert.Empty(result.Positions);
        Assert.Empty(result.Bilateral);
        Assert.Empty(result.Totals);
    }

    [Fact]
    public void Complete_CanBeCalledAgain_AfterMoreAdds()
    {
        var calculator = new NettingCalculator();
        calculator.Add(Mumbai, Dubai, Inr(10m));
        NettingResult first = calculator.Complete();

        calculator.Add(Dubai, Mumbai, Inr(4m));
        NettingResult second = calculator.Complete();

        Assert.Equal(-10m, first.Positions.Single(p => p.Participant == Mumbai).Net);
        Assert.Equal(-6m, second.Positions.Single(p => p.Participant == Mumbai).Net);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    [InlineData(100, 100)]
    [InlineData(100, 50)]
    public void Efficiency_FollowsTheDefinition_ForTwoParticipants(int owed, int owedBack)
    {
        var calculator = new NettingCalculator();
        if (owed > 0)
        {
            calculator.Add(Mumbai, Dubai, Inr(owed));
        }

        if (owedBack > 0)
        {
            calculator.Add(Dubai, Mumbai, Inr(owedBack));
        }

        decimal gross = 2m * (owed + owedBack);
        decimal expected = gross == 0m ? 0m : 1m - (2m * Math.Abs(owed - owedBack) / gross);
        decimal efficiency = calculator.Complete().Totals.SingleOrDefault()?.Efficiency ?? 0m;

        Assert.Equal(expected, efficiency);
        Assert.Equal(0m, new CurrencyNettingTotals(Currency.Inr, 0, 0m, 0m, 0m, 0m, 0m).Efficiency);
    }

    [Fact]
    public void Add_KeepsMemoryPerFlow_NotPerObligation_ForAMillionObligations()
    {
        string[] banks = [.. NettingGen.Participants, "KVBLINBB", "ADCBAEAA", "BOFAUS3N", "UBININBB"];
        Currency[] currencies = NettingGen.Currencies;
        var calculator = new NettingCalculator();
        decimal sum = 0m;

        for (int i = 0; i < 1_000_000; i++)
        {
            int debtor = i % banks.Length;
            int creditor = (debtor + 1 + (i / banks.Length % (banks.Length - 1))) % banks.Length;
            decimal amount = 1m + (i % 997 / 100m);
            sum += amount;
            calculator.Add(banks[debtor], banks[creditor], new Money(amount, currencies[i % currencies.Length]));
        }

        NettingResult result = calculator.Complete();

        Assert.Equal(1_000_000, calculator.ObligationCount);
        Assert.True(calculator.DistinctFlows <= banks.Length * (banks.Length - 1) * currencies.Length, $"{calculator.DistinctFlows} flows held");
        Assert.Equal(sum, result.Totals.Sum(t => t.ObligationSum));
        Assert.Equal(1_000_000, result.Totals.Sum(t => t.ObligationCount));
    }
}
