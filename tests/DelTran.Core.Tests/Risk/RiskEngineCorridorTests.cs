using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class RiskEngineCorridorTests
{
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic Delhi = Bic.Parse("KVRIINBBXXX");

    private static readonly RiskLimits Limits = new(
        new Dictionary<Currency, decimal> { [Currency.Inr] = 10_000_000m },
        new Dictionary<PositionKey, decimal>(),
        defaultNetDebitCap: 100_000_000m,
        maxPerCorridorTransaction: new Dictionary<Corridor, decimal> { [new Corridor("IN", "AE", Currency.Inr)] = 1_000_000m });

    public static TheoryData<string, string, decimal, bool> Cases => new()
    {
        { "SRCBINBBXXX", "EPRLAEADXXX", 1_000_000.00m, true },   // at the corridor maximum
        { "SRCBINBBXXX", "EPRLAEADXXX", 1_000_000.01m, false },  // over it
        { "EPRLAEADXXX", "SRCBINBBXXX", 5_000_000.00m, true },   // the opposite direction is another corridor
        { "SRCBINBBXXX", "KVRIINBBXXX", 5_000_000.00m, true },   // domestic IN→IN has no corridor maximum
        { "SRCBINBBXXX", "KVRIINBBXXX", 10_000_000.01m, false }, // but the currency maximum still holds
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_AppliesTheCorridorMaximum_OnTopOfTheCurrencyMaximum(string debtor, string creditor, decimal amount, bool accepted)
    {
        RiskEvaluation result = RiskEngine.Evaluate(
            [new ObligationCandidate("OB-1", Bic.Parse(debtor), Bic.Parse(creditor), new Money(amount, Currency.Inr))],
            new Dictionary<PositionKey, decimal>(),
            Limits);

        RiskDecision decision = Assert.Single(result.Decisions);
        Assert.Equal((accepted, accepted ? null : ReasonCode.AM02), (decision.Accepted, decision.ReasonCode));
    }

    [Fact]
    public void Evaluate_NamesTheCorridor_WhenItsMaximumRefuses()
    {
        RiskEvaluation result = RiskEngine.Evaluate(
            [new ObligationCandidate("OB-1", Mumbai, Dubai, new Money(2_000_000m, Currency.Inr))],
            new Dictionary<PositionKey, decimal>(),
            Limits);

        Assert.Equal("2000000.00 INR exceeds the maximum of 1000000 INR per transaction on corridor IN->AE INR.", result.Decisions[0].Explanation);
        Assert.Equal(new Corridor("IN", "IN", Currency.Inr), new ObligationCandidate("X", Mumbai, Delhi, new Money(1m, Currency.Inr)).Corridor);
    }

    [Fact]
    public void Constructor_RefusesANonPositiveCorridorMaximum()
    {
        Assert.Throws<ArgumentException>(() => new RiskLimits(
            new Dictionary<Currency, decimal>(),
            new Dictionary<PositionKey, decimal>(),
            maxPerCorridorTransaction: new Dictionary<Corridor, decimal> { [new Corridor("IN", "AE", Currency.Inr)] = 0m }));
    }
}
