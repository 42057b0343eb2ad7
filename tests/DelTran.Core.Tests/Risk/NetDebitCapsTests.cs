using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class NetDebitCapsTests
{
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic NewYork = Bic.Parse("LBHBUS33XXX");
    private static readonly PositionKey MumbaiInr = PositionKey.Of(Mumbai, Currency.Inr);
    private static readonly PositionKey DubaiAed = PositionKey.Of(Dubai, Currency.Aed);
    private static readonly PositionKey NewYorkUsd = PositionKey.Of(NewYork, Currency.Usd);

    private static RiskLimits Caps(decimal defaultCap = 0m, params (PositionKey Key, decimal Cap)[] caps) =>
        new(new Dictionary<Currency, decimal>(), caps.ToDictionary(c => c.Key, c => c.Cap), defaultCap);

    public static TheoryData<decimal, decimal, decimal, decimal, decimal> EffectiveCases => new()
    {
        // configured cap, balance, credit line, reserved → effective cap
        { 5_000m, 10_000m, 0m, 0m, 5_000m },        // the account covers the cap
        { 5_000m, 3_000m, 1_000m, 0m, 4_000m },     // balance + credit line is lower
        { 5_000m, 3_000m, 1_000m, 500m, 3_500m },   // reservations lower it further
        { 5_000m, 5_000m, 0m, 0m, 5_000m },         // exactly covered
        { 5_000m, -2_000m, 1_000m, 0m, 0m },        // overdrawn beyond the credit line: never negative
        { 0m, 10_000m, 0m, 0m, 0m },                // a zero cap stays zero
    };

    [Theory]
    [MemberData(nameof(EffectiveCases))]
    public void Effective_IsTheLowerOfCapAndAvailable_NeverNegative(decimal cap, decimal balance, decimal creditLine, decimal reserved, decimal expected)
    {
        Assert.Equal(expected, NetDebitCaps.Effective(cap, new AvailableFunds(balance, creditLine, reserved)));
    }

    [Fact]
    public void Effective_IsZero_WhenThereIsNoAccount()
    {
        Assert.Equal(0m, NetDebitCaps.Effective(5_000m, null));
    }

    [Fact]
    public void Validate_ReportsEachUncoveredCap_WhenAccountsFallShort()
    {
        RiskLimits limits = Caps(
            defaultCap: 2_000m,
            (MumbaiInr, 5_000m),   // covered exactly: fine
            (DubaiAed, 5_000m),    // 3000 + 1000 − 500 = 3500: short
            (NewYorkUsd, 100m));   // no account
        var accounts = new Dictionary<PositionKey, AvailableFunds>
        {
            [MumbaiInr] = new(4_000m, 1_000m, 0m),
            [DubaiAed] = new(3_000m, 1_000m, 500m),
            [PositionKey.Of(Mumbai, Currency.Usd)] = new(1_500m, 0m, 0m), // default cap 2000 > 1500
        };

        IReadOnlyList<CapProblem> problems = NetDebitCaps.Validate(limits, accounts);

        Assert.Equal(
            [
                ("EPRLAEAD/AED", CapProblemKind.ExceedsAvailable, 5_000m, 3_500m),
                ("LBHBUS33/USD", CapProblemKind.NoSettlementAccount, 100m, 0m),
                ("SRCBINBB/USD", CapProblemKind.ExceedsAvailable, 2_000m, 1_500m),
            ],
            problems.Select(p => (p.Key.ToString(), p.Kind, p.ConfiguredCap, p.Available)));
        Assert.Equal("EPRLAEAD/AED has a net debit cap of 5000, above balance 3000 + credit line 1000 − reserved 500 = 3500.", problems[0].Message);
    }

    [Fact]
    public void Validate_ReportsNothing_ForAZeroCapWithoutAccount()
    {
        Assert.Empty(NetDebitCaps.Validate(Caps(0m, (NewYorkUsd, 0m)), new Dictionary<PositionKey, AvailableFunds>()));
    }

    [Fact]
    public void EffectiveLimits_StopTheRiskEngine_AtWhatTheAccountCovers()
    {
        RiskLimits configured = Caps(0m, (MumbaiInr, 1_000_000m));
        var accounts = new Dictionary<PositionKey, AvailableFunds> { [MumbaiInr] = new(200_000m, 50_000m, 10_000m) };

        RiskLimits effective = NetDebitCaps.Effective(configured, accounts);
        RiskEvaluation result = RiskEngine.Evaluate(
            [
                new ObligationCandidate("OB-1", Mumbai, Dubai, new Money(240_000m, Currency.Inr)),
                new ObligationCandidate("OB-2", Mumbai, Dubai, new Money(0.01m, Currency.Inr)),
                new ObligationCandidate("OB-3", Dubai, Mumbai, new Money(240_000.01m, Currency.Inr)), // no account: cap 0, only what it received
            ],
            new Dictionary<PositionKey, decimal>(),
            effective);

        Assert.Equal(240_000m, effective.NetDebitCapFor(MumbaiInr));
        Assert.Equal([(true, null), (false, ReasonCode.AM14), (false, ReasonCode.AM14)], result.Decisions.Select(d => (d.Accepted, d.ReasonCode)));
    }

    [Fact]
    public void Effective_StaysWithinCapAndAvailable_ForAnyFigures()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Long[-5_000_000, 10_000_000], Gen.Long[0, 5_000_000], Gen.Long[0, 5_000_000])
            .Sample((cap, balance, creditLine, reserved) =>
            {
                var funds = new AvailableFunds(balance / 100m, creditLine / 100m, reserved / 100m);
                decimal configured = cap / 100m;

                decimal effective = NetDebitCaps.Effective(configured, funds);

                Assert.InRange(effective, 0m, configured);
                Assert.True(effective <= Math.Max(0m, funds.Available));
                Assert.True(effective == configured || effective == Math.Max(0m, funds.Available));
                bool reported = NetDebitCaps.Validate(Caps(0m, (MumbaiInr, configured)), new Dictionary<PositionKey, AvailableFunds> { [MumbaiInr] = funds }).Count > 0;
                Assert.Equal(effective < configured, reported);
            }, iter: 500);
    }
}
