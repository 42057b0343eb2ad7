using DelTran.Core.Amounts;
using DelTran.Core.Fx;

namespace DelTran.Core.Tests.Fx;

public sealed class FxConversionTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = From.AddHours(10);

    private static FxRateTable Table() => new("FX-TEST", From, [
        new FxQuote(CurrencyPair.Parse("USD/AED"), 3.6720m, 3.6730m, From, From.AddDays(1)),
        new FxQuote(CurrencyPair.Parse("USD/INR"), 83.10m, 83.25m, From, From.AddDays(1)),
    ]);

    [Fact]
    public void Decide_NeedsNothing_WhenNothingIsInstructedOrTheCurrenciesMatch()
    {
        var settlement = new Money(100m, Currency.Inr);

        Assert.Same(FxDecision.NotNeeded, FxConversion.Decide(settlement, null, null, Now));
        Assert.Same(FxDecision.NotNeeded, FxConversion.Decide(settlement, new Money(101m, Currency.Inr), null, Now));
    }

    [Fact]
    public void Decide_PricesTheInstructedAmountIntoTheSettlementCurrency_ThroughTheCheapestPath()
    {
        // AED → INR has no direct pair: through USD, 1000 ÷ 3.6730 = 272.25 USD, × 83.10 = 22623.97 INR.
        FxDecision decision = FxConversion.Decide(new Money(22600m, Currency.Inr), new Money(1000m, Currency.Aed), Table(), Now);

        FxPath path = Assert.IsType<FxPath>(decision.Path);
        Assert.False(decision.Refused);
        Assert.Equal((new Money(22623.97m, Currency.Inr), 2, "FX-TEST", Now), (path.Result, path.Steps.Count, path.RateTableVersion, path.PricedAt));
    }

    [Fact]
    public void Decide_RefusesWithAm03_WhenTheRatesHaveExpired()
    {
        FxDecision decision = FxConversion.Decide(new Money(8310m, Currency.Inr), new Money(100m, Currency.Usd), Table(), From.AddDays(1));

        Assert.True(decision.Refused);
        Assert.Equal("AM03", decision.ReasonCode);
        Assert.Contains("no valid rate from USD to INR", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RefusesWithAm03_WhenNoTableIsInForce()
    {
        FxDecision decision = FxConversion.Decide(new Money(8310m, Currency.Inr), new Money(100m, Currency.Usd), null, Now);

        Assert.Equal(("AM03", "No FX rate table is in force: USD cannot be converted to INR."), (decision.ReasonCode, decision.Explanation));
    }
}
