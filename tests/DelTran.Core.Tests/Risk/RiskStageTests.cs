using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class RiskStageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Bengaluru = Bic.Parse("KVRIINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");

    private static readonly CircuitBreakerOptions Quiet = new() { MinimumVolume = 1000, CapBreachThreshold = null, SettlementFailureThreshold = null };

    // One cap breach trips the debtor's breaker.
    private static readonly CircuitBreakerOptions TripOnBreach = Quiet with { CapBreachThreshold = 1 };

    private static readonly RiskLimits Caps = new(
        new Dictionary<Currency, decimal>(),
        new Dictionary<PositionKey, decimal> { [PositionKey.Of(Mumbai, Currency.Inr)] = 1_000m, [PositionKey.Of(Bengaluru, Currency.Inr)] = 1_000m });

    private static ObligationCandidate Candidate(string id, Bic debtor, Bic creditor, decimal amount) => new(id, debtor, creditor, new Money(amount, Currency.Inr));

    private static Dictionary<PositionKey, AvailableFunds> Funds(decimal mumbai) => new()
    {
        [PositionKey.Of(Mumbai, Currency.Inr)] = new AvailableFunds(mumbai, 0m, 0m),
        [PositionKey.Of(Bengaluru, Currency.Inr)] = new AvailableFunds(5_000m, 0m, 0m),
    };

    [Fact]
    public void Admit_RefusesASuspendedParticipant_BeforeAnyBreakerIsConsulted()
    {
        var board = new CircuitBreakerBoard(Quiet, Quiet);
        board.Suspend(BreakerSubject.ForParticipant("SRCBINBB"), "Operator: AML investigation 42.", Now.AddMinutes(-1));

        RiskAdmission admission = RiskStage.Admit([Candidate("1", Mumbai, Dubai, 10m)], new HashSet<string>(StringComparer.Ordinal) { "SRCBINBB" }, board, Now);

        Assert.Empty(admission.Admitted);
        Assert.Equal(BreakerReasonCodes.DebtorAgentSuspended, admission.Refused["1"].ReasonCode);
        Assert.Empty(admission.BreakerEvents);
    }

    [Fact]
    public void Admit_RefusesByAnOpenBreaker_WithTheParticipantsTextOnly()
    {
        var board = new CircuitBreakerBoard(Quiet, Quiet);
        board.Suspend(BreakerSubject.ForParticipant("SRCBINBB"), "Operator: AML investigation 42.", Now.AddMinutes(-1));

        RiskAdmission admission = RiskStage.Admit([Candidate("1", Mumbai, Dubai, 10m), Candidate("2", Bengaluru, Dubai, 10m)], new HashSet<string>(StringComparer.Ordinal), board, Now);

        Assert.Equal(["2"], admission.Admitted.Select(c => c.ObligationId));
        RiskDecision refused = admission.Refused["1"];
        Assert.False(refused.Accepted);
        Assert.DoesNotContain("AML", refused.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_BoundsTheCapByTheAvailableFunds_AndAnswersEveryCandidateInBatchOrder()
    {
        var board = new CircuitBreakerBoard(Quiet, Quiet);
        ObligationCandidate[] batch = [Candidate("1", Mumbai, Dubai, 200m), Candidate("2", Bengaluru, Dubai, 10m), Candidate("3", Mumbai, Dubai, 101m)];
        var suspended = new HashSet<string>(StringComparer.Ordinal) { "KVRIINBB" };
        RiskAdmission admission = RiskStage.Admit(batch, suspended, board, Now);

        // Mumbai's configured cap is 1,000 but only 300 is available: 200 passes, 101 more would be 301.
        RiskStageOutcome outcome = RiskStage.Decide(batch, admission, new Dictionary<PositionKey, decimal>(), Caps, Funds(mumbai: 300m), board, Now);

        Assert.Equal(["1", "2", "3"], outcome.Decisions.Select(d => d.ObligationId));
        Assert.Equal([true, false, false], outcome.Decisions.Select(d => d.Accepted));
        Assert.Equal([null, BreakerReasonCodes.DebtorAgentSuspended, ReasonCode.AM14], outcome.Decisions.Select(d => d.ReasonCode));
        Assert.Equal(-200m, outcome.PositionChanges[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(200m, outcome.PositionChanges[PositionKey.Of(Dubai, Currency.Inr)]);
    }

    [Fact]
    public void Decide_CountsACapBreachInTheDebtorsBreaker_AfterTheAdmissionsEvents()
    {
        var board = new CircuitBreakerBoard(TripOnBreach, Quiet);
        ObligationCandidate[] batch = [Candidate("1", Mumbai, Dubai, 5_000m)];
        RiskAdmission admission = RiskStage.Admit(batch, new HashSet<string>(StringComparer.Ordinal), board, Now);

        RiskStageOutcome outcome = RiskStage.Decide(batch, admission, new Dictionary<PositionKey, decimal>(), Caps, Funds(mumbai: 5_000m), board, Now);

        Assert.Equal(ReasonCode.AM14, outcome.Decisions[0].ReasonCode);
        BreakerEvent trip = Assert.Single(outcome.BreakerEvents);
        Assert.Equal((BreakerTransition.Tripped, BreakerSubject.ForParticipant("SRCBINBB")), (trip.Transition, trip.Subject));
        Assert.False(board.Check(Mumbai, Dubai, batch[0].Corridor, Now).Allowed);
    }

    [Fact]
    public void Unchecked_AcceptsEveryCandidateAndMovesThePositions_WhenTheChecksAreOffForABenchmark()
    {
        ObligationCandidate[] batch = [Candidate("1", Mumbai, Dubai, 600m), Candidate("2", Dubai, Bengaluru, 250m)];
        var positions = new Dictionary<PositionKey, decimal> { [new PositionKey("SRCBINBB", Currency.Inr)] = -100m };

        RiskStageOutcome outcome = RiskStage.Unchecked(batch, positions);

        Assert.All(outcome.Decisions, d => Assert.True(d.Accepted));
        Assert.Equal(["1", "2"], outcome.Decisions.Select(d => d.ObligationId));
        Assert.Equal(-600m, outcome.PositionChanges[new PositionKey("SRCBINBB", Currency.Inr)]);
        Assert.Equal(350m, outcome.PositionChanges[new PositionKey("EPRLAEAD", Currency.Inr)]);
        Assert.Equal(250m, outcome.PositionChanges[new PositionKey("KVRIINBB", Currency.Inr)]);
        Assert.Equal(0m, outcome.PositionChanges.Values.Sum());
        Assert.Empty(outcome.BreakerEvents);
        Assert.Equal(-100m, positions[new PositionKey("SRCBINBB", Currency.Inr)]);
    }
}
