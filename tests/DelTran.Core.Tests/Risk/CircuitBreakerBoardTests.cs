using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class CircuitBreakerBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic MumbaiBranch = Bic.Parse("SRCBINBB123");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Corridor InAe = new("IN", "AE", Currency.Aed);
    private static readonly Corridor AeIn = new("AE", "IN", Currency.Aed);

    private static readonly CircuitBreakerOptions Strict = new()
    {
        Window = TimeSpan.FromMinutes(10),
        MinimumVolume = 2,
        RejectRateThreshold = 1m,
        CapBreachThreshold = null,
        SettlementFailureThreshold = 1,
        OpenDuration = TimeSpan.FromMinutes(5),
        HalfOpenTrials = 1,
    };

    private static readonly CircuitBreakerOptions Lenient = Strict with { MinimumVolume = 1000, SettlementFailureThreshold = null };

    [Fact]
    public void Check_Allows_WhenNothingIsWrong()
    {
        var board = new CircuitBreakerBoard(Strict, Strict);

        BreakerVerdict verdict = board.Check(Mumbai, Dubai, InAe, T0);

        Assert.Equal((true, null, null), (verdict.Allowed, verdict.ReasonCode, verdict.RefusedBy));
    }

    [Fact]
    public void Check_RefusesWithAG10_WhenTheDebtorAgentIsSuspended_WhicheverBranchSends()
    {
        var board = new CircuitBreakerBoard(Strict, Strict);
        board.Suspend(BreakerSubject.ForParticipant("SRCBINBB"), "Regulator's instruction", T0);

        BreakerVerdict verdict = board.Check(MumbaiBranch, Dubai, InAe, T0);

        Assert.Equal((false, "AG10", BreakerSubject.ForParticipant("SRCBINBB")), (verdict.Allowed, verdict.ReasonCode, verdict.RefusedBy));
        Assert.Equal("participant SRCBINBB is suspended by an operator: Regulator's instruction", verdict.Explanation);

        // What the transaction records and its sender reads: the suspension, not the operator's reason for it.
        Assert.Equal("participant SRCBINBB is suspended by an operator.", verdict.ParticipantText);
        Assert.DoesNotContain("Regulator", verdict.ParticipantText, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RefusesWithAG10_WhenTheDebtorAgentsBreakerIsOpen()
    {
        var board = new CircuitBreakerBoard(Strict, Lenient);
        board.RecordSettlement("SRCBINBB", settled: false, T0);

        BreakerVerdict verdict = board.Check(Mumbai, Dubai, InAe, T0.AddMinutes(1));

        Assert.Equal((false, "AG10"), (verdict.Allowed, verdict.ReasonCode));
        Assert.Equal("participant SRCBINBB is Open after a breaker trip.", verdict.Explanation);
        Assert.Equal(verdict.Explanation, verdict.ParticipantText);
    }

    [Fact]
    public void Check_RefusesWithAG11_OnlyWhenTheCreditorIsSuspended_NotWhenItsBreakerIsOpen()
    {
        var board = new CircuitBreakerBoard(Strict, Lenient);
        board.RecordSettlement("EPRLAEAD", settled: false, T0);

        BreakerVerdict tripped = board.Check(Mumbai, Dubai, InAe, T0.AddMinutes(1));
        board.Suspend(BreakerSubject.ForParticipant("EPRLAEAD"), "Licence withdrawn", T0.AddMinutes(2));
        BreakerVerdict suspended = board.Check(Mumbai, Dubai, InAe, T0.AddMinutes(2));

        Assert.True(tripped.Allowed);
        Assert.Equal((false, "AG11"), (suspended.Allowed, suspended.ReasonCode));
    }

    [Fact]
    public void Check_RefusesWithAG01_WhenTheCorridorTrips_AndOnlyThatDirection()
    {
        var board = new CircuitBreakerBoard(Lenient, Strict);
        board.RecordTransaction(Mumbai, InAe, BreakerOutcome.Rejected, T0);
        IReadOnlyList<BreakerEvent> events = board.RecordTransaction(Mumbai, InAe, BreakerOutcome.Rejected, T0.AddMinutes(1));

        BreakerVerdict route = board.Check(Mumbai, Dubai, InAe, T0.AddMinutes(2));
        BreakerVerdict reverse = board.Check(Dubai, Mumbai, AeIn, T0.AddMinutes(2));

        BreakerEvent tripped = Assert.Single(events);
        Assert.Equal((BreakerSubject.ForCorridor(InAe), BreakerTransition.Tripped), (tripped.Subject, tripped.Transition));
        Assert.Equal((false, "AG01", BreakerSubject.ForCorridor(InAe)), (route.Allowed, route.ReasonCode, route.RefusedBy));
        Assert.True(reverse.Allowed);
    }

    [Fact]
    public void Check_ReportsHalfOpening_AndLetsTheTrialThrough()
    {
        var board = new CircuitBreakerBoard(Strict, Lenient);
        board.RecordSettlement("SRCBINBB", settled: false, T0);

        BreakerVerdict verdict = board.Check(Mumbai, Dubai, InAe, T0.AddMinutes(5));
        IReadOnlyList<BreakerEvent> recovered = board.RecordTransaction(Mumbai, InAe, BreakerOutcome.Accepted, T0.AddMinutes(6));

        Assert.True(verdict.Allowed);
        Assert.Equal([BreakerTransition.HalfOpened], verdict.Events.Select(e => e.Transition));
        Assert.Equal([BreakerTransition.Recovered], recovered.Select(e => e.Transition));
    }

    [Fact]
    public void RecordTransaction_RefusesASettlementOutcome()
    {
        var board = new CircuitBreakerBoard(Strict, Strict);

        Assert.Throws<ArgumentOutOfRangeException>(() => board.RecordTransaction(Mumbai, InAe, BreakerOutcome.SettlementFailed, T0));
    }

    [Fact]
    public void Apply_ATripOnAnotherInstance_RefusesHereWithAG10_AndItsRecoveryLetsThrough()
    {
        var here = new CircuitBreakerBoard(Strict, Lenient);
        BreakerSubject subject = Assert.IsType<BreakerSubject>(BreakerSubject.TryParse("participant SRCBINBB", out BreakerSubject parsed) ? parsed : null);

        Assert.True(here.Apply(subject, BreakerState.Open, T0));
        BreakerVerdict refused = here.Check(Mumbai, Dubai, InAe, T0.AddMinutes(1));
        Assert.True(here.Apply(subject, BreakerState.Closed, T0.AddMinutes(2)));
        BreakerVerdict allowed = here.Check(Mumbai, Dubai, InAe, T0.AddMinutes(2));

        Assert.Equal((false, "AG10", subject), (refused.Allowed, refused.ReasonCode, refused.RefusedBy));
        Assert.True(allowed.Allowed);
    }

    [Theory]
    [InlineData("participant SRCBINBB", true)]
    [InlineData("corridor IN->AE AED", true)]
    [InlineData("participant SRCBIN", false)]
    [InlineData("corridor IN-AE AED", false)]
    [InlineData("bank SRCBINBB", false)]
    [InlineData("", false)]
    public void BreakerSubject_TryParse_ReadsWhatToStringWrites(string text, bool valid)
    {
        Assert.Equal(valid, BreakerSubject.TryParse(text, out BreakerSubject subject));
        if (valid)
        {
            Assert.Equal(text, subject.ToString());
        }
    }
}
