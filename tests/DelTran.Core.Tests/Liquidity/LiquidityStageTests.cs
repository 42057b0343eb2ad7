using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Tests.Liquidity;

public sealed class LiquidityStageTests
{
    private static readonly DateTimeOffset AcceptedAt = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Corridors Corridors = new([Currency.Inr, Currency.Aed], [new Corridor("IN", "AE", Currency.Inr)]);

    private static ObligationCandidate Candidate(string id, decimal amount, Currency currency) => new(id, Mumbai, Dubai, new Money(amount, currency));

    private static Dictionary<PositionKey, AvailableFunds> Funds(decimal balance, decimal reserved) =>
        new() { [PositionKey.Of(Mumbai, Currency.Inr)] = new AvailableFunds(balance, 0m, reserved) };

    /// <summary>The positions after risk applied the whole batch, as the stage finds them locked.</summary>
    private static Dictionary<PositionKey, decimal> WithBatch(params ObligationCandidate[] batch)
    {
        var positions = new Dictionary<PositionKey, decimal>();
        var changes = new Dictionary<PositionKey, decimal>();
        foreach (ObligationCandidate candidate in batch)
        {
            PositionChanges.Accept(positions, changes, candidate);
        }

        return positions;
    }

    [Fact]
    public void Decide_JudgesCoverageFromThePositionsBeforeTheBatch_AndGivesBackOnlyWhatItRefuses()
    {
        ObligationCandidate[] batch = [Candidate("1", 600m, Currency.Inr), Candidate("2", 500m, Currency.Inr)];

        LiquidityStageOutcome outcome = LiquidityStage.Decide(batch, [null, null], null, Currency.Usd, AcceptedAt, Corridors, Funds(1_000m, 0m), WithBatch(batch));

        Assert.Equal([true, false], outcome.Verdicts.Select(v => v.Decision.Accepted));
        Assert.Equal(ReasonCode.AM04, outcome.Verdicts[1].Decision.ReasonCode);
        Assert.Equal(500m, outcome.PositionChanges[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(-500m, outcome.PositionChanges[PositionKey.Of(Dubai, Currency.Inr)]);
    }

    [Fact]
    public void Decide_RefusesAConversionWithoutRates_BeforeCoverage_AndGivesItBack()
    {
        ObligationCandidate[] batch = [Candidate("1", 100m, Currency.Inr)];
        Money?[] instructed = [new Money(5m, Currency.Aed)];

        Assert.True(LiquidityStage.NeedsRates(batch, instructed));
        LiquidityStageOutcome outcome = LiquidityStage.Decide(batch, instructed, null, Currency.Usd, AcceptedAt, Corridors, Funds(1_000m, 0m), WithBatch(batch));

        LiquidityVerdict verdict = Assert.Single(outcome.Verdicts);
        Assert.Equal((false, ReasonCode.AM03, null), (verdict.Decision.Accepted, verdict.Decision.ReasonCode, verdict.Path));
        Assert.Equal(100m, outcome.PositionChanges[PositionKey.Of(Mumbai, Currency.Inr)]);
    }

    [Fact]
    public void Decide_CountsWhatIsReservedForSettlementsUnderWay_AsNotAvailable()
    {
        ObligationCandidate[] batch = [Candidate("1", 700m, Currency.Inr)];

        LiquidityStageOutcome covered = LiquidityStage.Decide(batch, [null], null, Currency.Usd, AcceptedAt, Corridors, Funds(1_000m, 300m), WithBatch(batch));
        LiquidityStageOutcome short_ = LiquidityStage.Decide(batch, [null], null, Currency.Usd, AcceptedAt, Corridors, Funds(1_000m, 300.01m), WithBatch(batch));

        Assert.True(covered.Verdicts[0].Decision.Accepted);
        Assert.Empty(covered.PositionChanges);
        Assert.Equal(ReasonCode.AM04, short_.Verdicts[0].Decision.ReasonCode);
        Assert.Contains("less 300.01 reserved for settlements under way", short_.Verdicts[0].Decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void NeedsRates_IsFalse_WhenEveryInstructedAmountIsInTheSettlementCurrency()
    {
        Assert.False(LiquidityStage.NeedsRates([Candidate("1", 1m, Currency.Inr), Candidate("2", 1m, Currency.Inr)], [new Money(1m, Currency.Inr), null]));
    }

    [Fact]
    public void Unchecked_AcceptsEveryCandidateWithoutAPathOrAPositionChange_WhenTheChecksAreOffForABenchmark()
    {
        ObligationCandidate[] batch = [Candidate("1", 600m, Currency.Inr), Candidate("2", 500m, Currency.Usd)];

        LiquidityStageOutcome outcome = LiquidityStage.Unchecked(batch);

        Assert.Equal(["1", "2"], outcome.Verdicts.Select(v => v.Decision.ObligationId));
        Assert.All(outcome.Verdicts, v => Assert.True(v.Decision.Accepted && v.Path is null));
        Assert.Empty(outcome.PositionChanges);
    }
}
