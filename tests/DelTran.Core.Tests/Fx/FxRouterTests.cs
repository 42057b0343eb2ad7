using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Fx;

namespace DelTran.Core.Tests.Fx;

public sealed class FxRouterTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(1);
    private static readonly DateTimeOffset Now = From.AddHours(10);
    private static readonly Currency Aed = Currency.Aed;
    private static readonly Currency Inr = Currency.Inr;
    private static readonly Currency Usd = Currency.Usd;

    private static FxQuote Quote(string pair, decimal bid, decimal ask, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(CurrencyPair.Parse(pair), bid, ask, from ?? From, to ?? To);

    private static FxRateTable Table(params FxQuote[] quotes) => new("RATES-2026-11-24-01", From.AddMinutes(-5), quotes);

    public static TheoryData<string, bool> Pairs => new()
    {
        { "USD/INR", true },
        { "USDINR", true },
        { "USD/USD", false },
        { "usd/inr", false },
        { "USD-INR", false },
        { "USDINRX", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void CurrencyPair_TryParse_AcceptsOnlyTwoDifferentCodes(string text, bool ok)
    {
        Assert.Equal(ok, CurrencyPair.TryParse(text, out CurrencyPair pair));
        Assert.Equal(ok ? "USD/INR" : "/", pair == default ? "/" : pair.ToString());
    }

    [Fact]
    public void Quote_RefusesAnInvertedSpread_AndAnEmptyValidity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quote("USD/INR", 83.25m, 83.10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quote("USD/INR", 0m, 83.10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quote("USD/INR", 83.10m, 83.25m, From, From));
    }

    [Fact]
    public void Table_RefusesTwoQuotesForOnePair_AtOneInstant_InEitherOrder()
    {
        Assert.Throws<ArgumentException>(() => Table(Quote("USD/INR", 83m, 84m), Quote("INR/USD", 0.0119m, 0.0121m, From.AddHours(23), To.AddHours(1))));
        Assert.Equal(2, Table(Quote("USD/INR", 83m, 84m), Quote("USD/INR", 83m, 84m, To, To.AddDays(1))).Quotes.Count); // back to back is fine
    }

    public static TheoryData<string, string, string, decimal, FxSide, decimal> Legs => new()
    {
        // amount, from, to, quoted rate used, side, result (rounded toward zero to the target's minor units)
        { "100.00", "USD", "INR", 83.10m, FxSide.SellBase, 8310.00m },
        { "8325.00", "INR", "USD", 83.25m, FxSide.BuyBase, 100.00m },
        { "1.00", "INR", "USD", 83.25m, FxSide.BuyBase, 0.01m },   // 0.012012… → 0.01
        { "0.99", "USD", "INR", 83.10m, FxSide.SellBase, 82.26m }, // 82.269 → 82.26, never up
    };

    [Theory]
    [MemberData(nameof(Legs))]
    public void Convert_TakesTheBidToSellTheBase_AndTheAskToBuyIt(string amount, string from, string to, decimal rate, FxSide side, decimal result)
    {
        FxStep step = FxRouter.Convert(new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.Parse(from)), Currency.Parse(to), Quote("USD/INR", 83.10m, 83.25m));

        Assert.Equal((rate, side, result, Currency.Parse(to)), (step.QuotedRate, step.Side, step.To.Amount, step.To.Currency));
    }

    [Fact]
    public void Route_TakesTheDirectPair_WhenItDeliversMore()
    {
        // Direct: 1000 × 22.70 = 22700 INR; through USD: 22623.97 INR (see the next test).
        FxRateTable table = Table(Quote("AED/INR", 22.70m, 22.80m), Quote("USD/AED", 3.6720m, 3.6730m), Quote("USD/INR", 83.10m, 83.25m));

        FxRoute route = FxRouter.Route(table, new Money(1000m, Aed), Inr, Now);

        FxPath path = Assert.IsType<FxPath>(route.Path);
        Assert.Equal(new Money(22700.00m, Inr), path.Result);
        Assert.True(path.IsDirect);
        Assert.Equal(("RATES-2026-11-24-01", Now), (path.RateTableVersion, path.PricedAt));
        Assert.Equal("AED→INR SellBase 22.70", path.Describe());
    }

    [Fact]
    public void Route_GoesThroughUsd_WhenTheDirectPairIsDearer()
    {
        // Direct AED/INR bid 22.50: 1000 AED → 22500 INR. Through USD: 1000 ÷ 3.6730 = 272.25 USD (rounded down),
        // × 83.10 = 22623.97 INR. The pivot delivers more.
        FxRateTable table = Table(Quote("AED/INR", 22.50m, 22.70m), Quote("USD/AED", 3.6720m, 3.6730m), Quote("USD/INR", 83.10m, 83.25m));

        FxPath path = FxRouter.Route(table, new Money(1000m, Aed), Inr, Now).Path!;

        Assert.Equal(new Money(22623.97m, Inr), path.Result);
        Assert.Equal(
            [(CurrencyPair.Parse("USD/AED"), FxSide.BuyBase, 3.6730m, 1000m, 272.25m), (CurrencyPair.Parse("USD/INR"), FxSide.SellBase, 83.10m, 272.25m, 22623.97m)],
            path.Steps.Select(s => (s.Pair, s.Side, s.QuotedRate, s.From.Amount, s.To.Amount)));
        Assert.False(path.IsDirect);
        Assert.Equal("AED→USD BuyBase 3.6730; USD→INR SellBase 83.10", path.Describe());
    }

    [Fact]
    public void Route_PrefersDirect_OnATie()
    {
        // 100 AED → 2000 INR directly; through USD: 100 ÷ 4 = 25 USD × 80 = 2000 INR.
        FxRateTable table = Table(Quote("AED/INR", 20m, 20m), Quote("USD/AED", 4m, 4m), Quote("USD/INR", 80m, 80m));

        Assert.True(FxRouter.Route(table, new Money(100m, Aed), Inr, Now).Path!.IsDirect);
    }

    [Fact]
    public void Route_UsesOnlyQuotesValidAtNow_WithTheEndExclusive()
    {
        FxRateTable table = Table(Quote("USD/INR", 83.10m, 83.25m, From, Now), Quote("USD/INR", 84.00m, 84.10m, Now, To));

        Assert.Equal(8400.00m, FxRouter.Route(table, new Money(100m, Usd), Inr, Now).Path!.Result.Amount);
        Assert.Equal(8310.00m, FxRouter.Route(table, new Money(100m, Usd), Inr, Now.AddTicks(-1)).Path!.Result.Amount);
        Assert.Equal(FxRouteErrorKind.NoRate, FxRouter.Route(table, new Money(100m, Usd), Inr, To).Error!.Kind);
    }

    [Fact]
    public void Route_ExplainsWhyThereIsNoPath()
    {
        FxRoute none = FxRouter.Route(Table(Quote("USD/INR", 83m, 84m)), new Money(100m, Aed), Inr, Now);
        FxRoute zero = FxRouter.Route(Table(Quote("USD/INR", 83m, 84m)), new Money(0m, Usd), Inr, Now);

        Assert.False(none.Found);
        Assert.Equal("Rate table RATES-2026-11-24-01 has no valid rate from AED to INR, directly or through USD, at 2026-11-24T10:00:00.0000000+00:00.", none.Error!.Message);
        Assert.Equal(FxRouteErrorKind.NonPositiveAmount, zero.Error!.Kind);
    }

    [Fact]
    public void Route_ReturnsAnEmptyPath_ForTheSameCurrency()
    {
        FxPath path = FxRouter.Route(Table(), new Money(5m, Inr), Inr, Now).Path!;

        Assert.Equal((new Money(5m, Inr), 0), (path.Result, path.Steps.Count));
    }

    private static readonly string[] PairNames = ["USD/INR", "USD/AED", "AED/INR", "INR/USD", "AED/USD", "INR/AED"];

    private static readonly Gen<FxQuote> Quotes =
        Gen.Select(Gen.Int[0, PairNames.Length - 1], Gen.Long[1_000, 10_000_000], Gen.Long[0, 50_000])
            .Select((pair, bid, spread) => Quote(PairNames[pair], bid / 10_000m, (bid + spread) / 10_000m));

    [Fact]
    public void Route_DeliversTheBestOfDirectAndPivot_ForAnyRates()
    {
        Gen.Select(Quotes, Quotes, Quotes, Gen.Long[1, 100_000_000]).Sample((a, b, c, minor) =>
        {
            FxQuote[] quotes = [.. new[] { a, b, c }.DistinctBy(q => string.Join("", new[] { q.Pair.Base.Code, q.Pair.Quote.Code }.Order(StringComparer.Ordinal)))];
            FxRateTable table = Table(quotes);
            var amount = new Money(minor / 100m, Aed);

            FxRoute route = FxRouter.Route(table, amount, Inr, Now);

            decimal? direct = table.Find(Aed, Inr, Now) is { } d ? FxRouter.Convert(amount, Inr, d).To.Amount : null;
            decimal? pivot = table.Find(Aed, Usd, Now) is { } p1 && table.Find(Usd, Inr, Now) is { } p2
                ? FxRouter.Convert(FxRouter.Convert(amount, Usd, p1).To, Inr, p2).To.Amount
                : null;
            decimal? best = new[] { direct, pivot }.Max();
            Assert.Equal(best, route.Path?.Result.Amount);
        }, iter: 500);
    }

    [Fact]
    public void Route_NeverGains_OnARoundTripThroughOnePair()
    {
        Gen.Select(Gen.Long[1_000, 10_000_000], Gen.Long[0, 50_000], Gen.Long[1, 100_000_000]).Sample((bid, spread, minor) =>
        {
            FxRateTable table = Table(Quote("USD/INR", bid / 10_000m, (bid + spread) / 10_000m));
            var start = new Money(minor / 100m, Usd);

            FxRoute there = FxRouter.Route(table, start, Inr, Now);
            FxRoute back = there.Path!.Result.Amount > 0 ? FxRouter.Route(table, there.Path.Result, Usd, Now) : there;

            Assert.True((back.Path?.Result.Amount ?? 0m) <= start.Amount);
        }, iter: 500);
    }
}
