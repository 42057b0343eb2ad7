using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Tests.Liquidity;

public sealed class LiquidityEngineTests
{
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Bengaluru = Bic.Parse("KVRIINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic NewYork = Bic.Parse("LBHBUS33XXX");

    // India and the UAE both ways in INR, AED and USD; the US only in USD, and only with the UAE.
    private static readonly Corridors Corridors = new(
        [Currency.Inr, Currency.Aed, Currency.Usd],
        [
            new Corridor("IN", "AE", Currency.Inr), new Corridor("AE", "IN", Currency.Inr),
            new Corridor("IN", "AE", Currency.Aed), new Corridor("AE", "IN", Currency.Aed),
            new Corridor("IN", "AE", Currency.Usd), new Corridor("AE", "IN", Currency.Usd),
            new Corridor("AE", "US", Currency.Usd), new Corridor("US", "AE", Currency.Usd),
            new Corridor("IN", "IN", Currency.Inr),
        ]);

    private static readonly Dictionary<PositionKey, AvailableFunds> Accounts = new()
    {
        [PositionKey.Of(Mumbai, Currency.Inr)] = new AvailableFunds(1_000_000.00m, 500_000.00m, 0m),
        [PositionKey.Of(Dubai, Currency.Aed)] = new AvailableFunds(200_000.00m, 0m, 0m),
        [PositionKey.Of(Dubai, Currency.Usd)] = new AvailableFunds(-10_000.00m, 50_000.00m, 0m), // overdrawn, inside its line
        [PositionKey.Of(NewYork, Currency.Usd)] = new AvailableFunds(0m, 0m, 0m),
    };

    private static readonly Dictionary<PositionKey, decimal> NoPositions = [];

    private static ObligationCandidate Candidate(string id, Bic debtor, Bic creditor, decimal amount, Currency currency) =>
        new(id, debtor, creditor, new Money(amount, currency));

    public static TheoryData<string, string, string, decimal, decimal, bool, string?> Branches => new()
    {
        // Currency not settled by DelTran: AM03, before anything else.
        { "SRCBINBB", "EPRLAEAD", "EUR", 1m, 0m, false, ReasonCode.AM03 },

        // Corridors are directed and per currency: AG01 where none is configured.
        { "SRCBINBB", "LBHBUS33", "USD", 1m, 0m, false, ReasonCode.AG01 }, // IN→US not offered
        { "EPRLAEAD", "LBHBUS33", "AED", 1m, 0m, false, ReasonCode.AG01 }, // AE→US only in USD
        { "SRCBINBB", "KVRIINBB", "USD", 1m, 0m, false, ReasonCode.AG01 }, // IN→IN only in INR
        { "SRCBINBB", "KVRIINBB", "INR", 1m, 0m, true, null },

        // Coverage INR 1.5m (balance 1m + line 0.5m): exactly covered is accepted, a paisa more is AM04.
        { "SRCBINBB", "EPRLAEAD", "INR", 1_500_000.00m, 0m, true, null },
        { "SRCBINBB", "EPRLAEAD", "INR", 1_500_000.01m, 0m, false, ReasonCode.AM04 },

        // The projected position counts: already 1.2m net debit leaves 0.3m; a net creditor has more room.
        { "SRCBINBB", "EPRLAEAD", "INR", 300_000.00m, -1_200_000m, true, null },
        { "SRCBINBB", "EPRLAEAD", "INR", 300_000.01m, -1_200_000m, false, ReasonCode.AM04 },
        { "SRCBINBB", "EPRLAEAD", "INR", 2_000_000.00m, 500_000m, true, null },

        // An overdrawn balance counts against the line: USD -10k + 50k covers 40k.
        { "EPRLAEAD", "LBHBUS33", "USD", 40_000.00m, 0m, true, null },
        { "EPRLAEAD", "LBHBUS33", "USD", 40_000.01m, 0m, false, ReasonCode.AM04 },

        // No settlement account in the currency: no coverage, only what was received can be paid on.
        { "EPRLAEAD", "SRCBINBB", "INR", 0.01m, 0m, false, ReasonCode.AM04 },
        { "EPRLAEAD", "SRCBINBB", "INR", 700m, 700m, true, null },
    };

    [Theory]
    [MemberData(nameof(Branches))]
    public void Evaluate_AppliesEachRule(string debtor, string creditor, string currency, decimal amount, decimal debtorPosition, bool accepted, string? reason)
    {
        Bic debtorBic = Bic.Parse(debtor + "XXX");
        Currency ccy = Currency.Parse(currency);
        var positions = new Dictionary<PositionKey, decimal> { [PositionKey.Of(debtorBic, ccy)] = debtorPosition };

        LiquidityEvaluation result = LiquidityEngine.Evaluate([Candidate("OB-1", debtorBic, Bic.Parse(creditor + "XXX"), amount, ccy)], Corridors, Accounts, positions);

        LiquidityDecision decision = Assert.Single(result.Decisions);
        Assert.Equal(("OB-1", accepted, reason), (decision.ObligationId, decision.Accepted, decision.ReasonCode));
        Assert.Equal(accepted ? debtorPosition - amount : debtorPosition, result.Positions[PositionKey.Of(debtorBic, ccy)]);
    }

    [Fact]
    public void Evaluate_LetsCandidatesConsumeCoverageInOrder()
    {
        // Dubai's AED coverage is 200k: 120k, then 90k does not fit, then 80k fits exactly.
        LiquidityEvaluation result = LiquidityEngine.Evaluate(
            [
                Candidate("OB-1", Dubai, Mumbai, 120_000m, Currency.Aed),
                Candidate("OB-2", Dubai, Mumbai, 90_000m, Currency.Aed),
                Candidate("OB-3", Dubai, Mumbai, 80_000m, Currency.Aed),
                Candidate("OB-4", Dubai, Mumbai, 0.01m, Currency.Aed),
            ],
            Corridors,
            Accounts,
            NoPositions);

        Assert.Equal([true, false, true, false], result.Decisions.Select(d => d.Accepted));
        Assert.Equal(ReasonCode.AM04, result.Decisions[1].ReasonCode);
        Assert.Equal(-200_000m, result.Positions[PositionKey.Of(Dubai, Currency.Aed)]);
        Assert.Equal(200_000m, result.Positions[PositionKey.Of(Mumbai, Currency.Aed)]);
    }

    [Fact]
    public void Evaluate_CountsReceivedPayments_TowardsLaterDebits()
    {
        LiquidityEvaluation result = LiquidityEngine.Evaluate(
            [
                Candidate("OB-1", NewYork, Dubai, 100m, Currency.Usd), // New York has no coverage yet
                Candidate("OB-2", Dubai, NewYork, 100m, Currency.Usd),
                Candidate("OB-3", NewYork, Dubai, 100m, Currency.Usd), // now it has received 100
            ],
            Corridors,
            Accounts,
            NoPositions);

        Assert.Equal([false, true, true], result.Decisions.Select(d => d.Accepted));
        Assert.Equal(0m, result.Changes.Values.Sum());
        Assert.Equal(0m, result.Positions[PositionKey.Of(NewYork, Currency.Usd)]);
    }

    [Fact]
    public void Evaluate_ExplainsEachRejection()
    {
        LiquidityEvaluation result = LiquidityEngine.Evaluate(
            [
                Candidate("OB-1", Mumbai, NewYork, 1m, Currency.Usd),
                Candidate("OB-2", Mumbai, Dubai, 1_500_000.50m, Currency.Inr),
                Candidate("OB-3", Mumbai, Dubai, 1m, Currency.Parse("EUR")),
            ],
            Corridors,
            Accounts,
            NoPositions);

        Assert.Equal(
            [
                "No corridor IN->US USD is configured.",
                "SRCBINBB/INR would owe 1500000.50 at settlement; its balance and credit line cover 1500000.00.",
                "DelTran does not settle EUR.",
            ],
            result.Decisions.Select(d => d.Explanation));
    }

    [Fact]
    public void Corridors_RefuseACorridorInAnUnconfiguredCurrency()
    {
        Assert.Throws<ArgumentException>(() => new Corridors([Currency.Inr], [new Corridor("IN", "AE", Currency.Aed)]));
        Assert.Throws<ArgumentException>(() => new Corridors([Currency.Inr], [new Corridor("IN", "XX", Currency.Inr)]));
    }

    [Fact]
    public void Corridor_IsTakenFromTheAgentsCountries()
    {
        Assert.Equal(new Corridor("IN", "AE", Currency.Usd), Candidate("OB-1", Bengaluru, Dubai, 1m, Currency.Usd).Corridor);
    }

    [Fact]
    public void AvailableFunds_RefusesANegativeCreditLine()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AvailableFunds(100m, -1m, 0m));
        Assert.Equal(150m, new AvailableFunds(100m, 50m, 0m).Available);
    }
}
