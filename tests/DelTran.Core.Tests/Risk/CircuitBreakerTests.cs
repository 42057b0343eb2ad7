using CsCheck;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class CircuitBreakerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly BreakerSubject Mumbai = BreakerSubject.ForParticipant("SRCBINBB");

    private static readonly CircuitBreakerOptions Options = new()
    {
        Window = TimeSpan.FromMinutes(10),
        MinimumVolume = 4,
        RejectRateThreshold = 0.5m,
        CapBreachThreshold = 3,
        SettlementFailureThreshold = 2,
        OpenDuration = TimeSpan.FromMinutes(5),
        HalfOpenTrials = 2,
    };

    private static CircuitBreaker Breaker(CircuitBreakerOptions? options = null) => new(Mumbai, options ?? Options);

    private static List<BreakerEvent> RecordAll(CircuitBreaker breaker, params (int Minute, BreakerOutcome Outcome)[] outcomes) =>
        outcomes.SelectMany(o => breaker.Record(o.Outcome, T0.AddMinutes(o.Minute))).ToList();

    [Fact]
    public void Record_TripsOnTheRejectRate_OnceTheMinimumVolumeIsReached()
    {
        CircuitBreaker breaker = Breaker();

        List<BreakerEvent> early = RecordAll(breaker, (0, BreakerOutcome.Rejected), (1, BreakerOutcome.Accepted), (2, BreakerOutcome.Rejected));
        IReadOnlyList<BreakerEvent> trip = breaker.Record(BreakerOutcome.Accepted, T0.AddMinutes(3));

        Assert.Empty(early); // 2 of 3 refused, but 3 is below the minimum volume of 4
        BreakerEvent tripped = Assert.Single(trip);
        Assert.Equal(
            (BreakerTransition.Tripped, BreakerState.Closed, BreakerState.Open, BreakerCause.RejectRate, T0.AddMinutes(3)),
            (tripped.Transition, tripped.From, tripped.To, tripped.Cause, tripped.At));
        Assert.Equal("participant SRCBINBB had 2 of 4 transactions refused within 00:10:00 (50.0 %, threshold 50.0 %).", tripped.Explanation);
        Assert.Equal(BreakerState.Open, breaker.State(T0.AddMinutes(3)));
        Assert.False(breaker.Allows(T0.AddMinutes(3)));
    }

    [Fact]
    public void Record_StaysClosed_WhenTheRateIsBelowTheThreshold()
    {
        CircuitBreaker breaker = Breaker();

        List<BreakerEvent> events = RecordAll(breaker, (0, BreakerOutcome.Rejected), (1, BreakerOutcome.Accepted), (2, BreakerOutcome.Accepted), (3, BreakerOutcome.Accepted), (4, BreakerOutcome.Rejected));

        Assert.Empty(events); // 2 of 5 = 40 %
        Assert.True(breaker.Allows(T0.AddMinutes(4)));
    }

    [Fact]
    public void Record_ForgetsOutcomes_OnceTheyLeaveTheWindow()
    {
        CircuitBreaker breaker = Breaker();

        // Two refusals at 0 and 1 leave the 10-minute window by minute 11, so 11..14 see 1 of 4 refused.
        List<BreakerEvent> events = RecordAll(
            breaker,
            (0, BreakerOutcome.Rejected),
            (1, BreakerOutcome.Rejected),
            (11, BreakerOutcome.Accepted),
            (12, BreakerOutcome.Accepted),
            (13, BreakerOutcome.Rejected),
            (14, BreakerOutcome.Accepted));

        Assert.Empty(events);
        Assert.Equal(BreakerState.Closed, breaker.State(T0.AddMinutes(14)));
    }

    [Fact]
    public void Record_CountsAnOutcomeExactlyOneWindowOld_AsGone()
    {
        CircuitBreaker breaker = Breaker(Options with { MinimumVolume = 1, RejectRateThreshold = null, SettlementFailureThreshold = 2 });

        List<BreakerEvent> events = RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (10, BreakerOutcome.SettlementFailed));

        Assert.Empty(events);
        Assert.Single(breaker.Record(BreakerOutcome.SettlementFailed, T0.AddMinutes(19)));
    }

    public static TheoryData<BreakerOutcome, int, BreakerCause> CountTriggers => new()
    {
        { BreakerOutcome.CapBreach, 3, BreakerCause.CapBreaches },
        { BreakerOutcome.SettlementFailed, 2, BreakerCause.SettlementFailures },
    };

    [Theory]
    [MemberData(nameof(CountTriggers))]
    public void Record_TripsOnACount_WithoutNeedingTheMinimumVolume(BreakerOutcome outcome, int threshold, BreakerCause cause)
    {
        CircuitBreaker breaker = Breaker(Options with { RejectRateThreshold = null });

        List<BreakerEvent> events = RecordAll(breaker, [.. Enumerable.Range(0, threshold).Select(i => (i, outcome))]);

        BreakerEvent tripped = Assert.Single(events);
        Assert.Equal((BreakerTransition.Tripped, cause, T0.AddMinutes(threshold - 1)), (tripped.Transition, tripped.Cause, tripped.At));
    }

    [Fact]
    public void State_ReadsHalfOpen_AfterTheOpenDuration_AndAdvanceReportsItOnce()
    {
        CircuitBreaker breaker = Breaker();
        RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));

        Assert.Equal(BreakerState.Open, breaker.State(T0.AddMinutes(6).AddTicks(-1)));
        Assert.Empty(breaker.Advance(T0.AddMinutes(5)));
        Assert.Equal(BreakerState.HalfOpen, breaker.State(T0.AddMinutes(6)));
        Assert.True(breaker.Allows(T0.AddMinutes(6)));

        BreakerEvent halfOpened = Assert.Single(breaker.Advance(T0.AddMinutes(6)));
        Assert.Equal((BreakerTransition.HalfOpened, BreakerState.Open, BreakerState.HalfOpen, BreakerCause.OpenDurationElapsed), (halfOpened.Transition, halfOpened.From, halfOpened.To, halfOpened.Cause));
        Assert.Empty(breaker.Advance(T0.AddMinutes(7)));
    }

    [Fact]
    public void Record_Recovers_AfterTheTrialCountOfGoodOutcomes()
    {
        CircuitBreaker breaker = Breaker();
        RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));

        List<BreakerEvent> first = [.. breaker.Record(BreakerOutcome.Accepted, T0.AddMinutes(7))];
        List<BreakerEvent> second = [.. breaker.Record(BreakerOutcome.SettlementSucceeded, T0.AddMinutes(8))];

        Assert.Equal([BreakerTransition.HalfOpened], first.Select(e => e.Transition));
        BreakerEvent recovered = Assert.Single(second);
        Assert.Equal((BreakerTransition.Recovered, BreakerState.Closed, BreakerCause.TrialsSucceeded), (recovered.Transition, recovered.To, recovered.Cause));
        Assert.Equal(BreakerState.Closed, breaker.State(T0.AddMinutes(8)));
    }

    [Fact]
    public void Record_Retrips_OnABadTrial_AndRestartsTheOpenDuration()
    {
        CircuitBreaker breaker = Breaker();
        RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));

        List<BreakerEvent> events = RecordAll(breaker, (7, BreakerOutcome.Accepted), (8, BreakerOutcome.CapBreach));

        Assert.Equal([BreakerTransition.HalfOpened, BreakerTransition.Retripped], events.Select(e => e.Transition));
        Assert.Equal((BreakerState.HalfOpen, BreakerState.Open, BreakerCause.CapBreaches), (events[1].From, events[1].To, events[1].Cause));
        Assert.Equal(BreakerState.Open, breaker.State(T0.AddMinutes(12)));
        Assert.Equal(BreakerState.HalfOpen, breaker.State(T0.AddMinutes(13)));
    }

    [Fact]
    public void Record_IgnoresOutcomes_WhileOpen()
    {
        CircuitBreaker breaker = Breaker();
        RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));

        List<BreakerEvent> events = RecordAll(breaker, (2, BreakerOutcome.SettlementFailed), (3, BreakerOutcome.Rejected));

        Assert.Empty(events);
        Assert.Equal(T0.AddMinutes(1), breaker.OpenedAt);
    }

    [Fact]
    public void Suspend_RefusesTraffic_WhateverTheState_UntilResumed()
    {
        CircuitBreaker breaker = Breaker();

        BreakerEvent suspended = Assert.Single(breaker.Suspend("Failed to pre-fund; ticket OPS-17", T0));
        Assert.Empty(breaker.Suspend("again", T0.AddMinutes(1)));
        bool allowedWhileSuspended = breaker.Allows(T0.AddMinutes(1));
        BreakerEvent resumed = Assert.Single(breaker.Resume("Funded", T0.AddMinutes(2)));

        Assert.Equal((BreakerTransition.Suspended, BreakerCause.Operator, "Failed to pre-fund; ticket OPS-17"), (suspended.Transition, suspended.Cause, suspended.Explanation));
        Assert.False(allowedWhileSuspended);
        Assert.Equal((BreakerTransition.Resumed, BreakerState.Closed), (resumed.Transition, resumed.To));
        Assert.True(breaker.Allows(T0.AddMinutes(2)));
        Assert.Empty(breaker.Resume("Funded", T0.AddMinutes(3)));
    }

    [Fact]
    public void Reset_ClosesAnOpenBreaker_ByHand()
    {
        CircuitBreaker breaker = Breaker();
        RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));

        BreakerEvent reset = Assert.Single(breaker.Reset("False alarm: bank gateway outage", T0.AddMinutes(2)));

        Assert.Equal((BreakerTransition.Reset, BreakerState.Open, BreakerState.Closed), (reset.Transition, reset.From, reset.To));
        Assert.True(breaker.Allows(T0.AddMinutes(2)));
        Assert.Empty(breaker.Reset("again", T0.AddMinutes(3)));
    }

    [Fact]
    public void Record_TakesALateTime_AsTheLatestSeen()
    {
        CircuitBreaker breaker = Breaker(Options with { RejectRateThreshold = null });
        breaker.Record(BreakerOutcome.SettlementFailed, T0.AddMinutes(30));

        BreakerEvent tripped = Assert.Single(breaker.Record(BreakerOutcome.SettlementFailed, T0));

        Assert.Equal(T0.AddMinutes(30), tripped.At);
    }

    [Fact]
    public void Apply_Open_RefusesFromTheRemoteTripUntilTheOpenDurationHasPassed()
    {
        CircuitBreaker breaker = Breaker();

        Assert.True(breaker.Apply(BreakerState.Open, T0.AddMinutes(1)));

        Assert.False(breaker.Allows(T0.AddMinutes(1)));
        Assert.Equal(BreakerState.Open, breaker.State(T0.AddMinutes(5)));
        Assert.Equal(BreakerState.HalfOpen, breaker.State(T0.AddMinutes(6)));
        BreakerEvent halfOpened = Assert.Single(breaker.Advance(T0.AddMinutes(6)));
        Assert.Equal(BreakerTransition.HalfOpened, halfOpened.Transition);
    }

    [Fact]
    public void Apply_Closed_ClosesAnOpenBreaker_AndForgetsItsWindow()
    {
        CircuitBreaker breaker = Breaker();
        RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));

        Assert.True(breaker.Apply(BreakerState.Closed, T0.AddMinutes(2)));

        Assert.True(breaker.Allows(T0.AddMinutes(2)));
        // One failure after the close is below the threshold of two: the failures before it were forgotten.
        Assert.Empty(breaker.Record(BreakerOutcome.SettlementFailed, T0.AddMinutes(3)));
    }

    [Fact]
    public void Apply_IgnoresATransition_NoNewerThanTheBreakersOwnLastChange()
    {
        CircuitBreaker breaker = Breaker();
        List<BreakerEvent> trip = RecordAll(breaker, (0, BreakerOutcome.SettlementFailed), (1, BreakerOutcome.SettlementFailed));
        BreakerEvent tripped = Assert.Single(trip);

        // Its own trip coming back from the bus, and a recovery elsewhere that happened before it tripped.
        Assert.False(breaker.Apply(tripped.To, tripped.At));
        Assert.False(breaker.Apply(BreakerState.Closed, T0.AddSeconds(30)));
        Assert.False(breaker.Allows(T0.AddMinutes(2)));

        BreakerEvent reset = Assert.Single(breaker.Reset("Operator", T0.AddMinutes(3)));
        Assert.False(breaker.Apply(BreakerState.Open, T0.AddMinutes(2)));
        Assert.False(breaker.Apply(reset.To, reset.At));
        Assert.True(breaker.Allows(T0.AddMinutes(3)));
    }

    [Fact]
    public void Apply_HalfOpen_ChangesNothing_BecauseTheOpenTimeDecidesIt()
    {
        CircuitBreaker breaker = Breaker();

        Assert.False(breaker.Apply(BreakerState.HalfOpen, T0));

        Assert.True(breaker.Allows(T0));
        Assert.Equal(BreakerState.Closed, breaker.State(T0));
    }

    [Fact]
    public void Apply_MakesAFollowerAgreeWithTheBreakerItFollows_ForAnyOutcomesAndResets()
    {
        // A follower that sees no traffic of its own and applies every transition of the leader refuses exactly when the
        // leader does; the leader applying its own transitions changes nothing. Steps are at least a second apart: two
        // transitions at the very same instant cannot be ordered from their times, and Apply keeps the first.
        Gen<(int Gap, BreakerOutcome Outcome, bool Reset)[]> steps = Gen.Select(Gen.Int[1, 180], Gen.Enum<BreakerOutcome>(), Gen.Int[0, 19].Select(n => n == 0)).Array[0, 120];
        steps.Sample(sequence =>
        {
            CircuitBreaker leader = Breaker();
            var follower = new CircuitBreaker(Mumbai, Options);
            DateTimeOffset now = T0;
            foreach ((int gap, BreakerOutcome outcome, bool reset) in sequence)
            {
                now = now.AddSeconds(gap);
                IReadOnlyList<BreakerEvent> events = reset ? leader.Reset("Operator", now) : leader.Record(outcome, now);
                foreach (BreakerEvent e in events)
                {
                    Assert.False(leader.Apply(e.To, e.At));
                    follower.Apply(e.To, e.At);
                }

                Assert.True(leader.State(now) == follower.State(now), $"at {now - T0} after {outcome} reset={reset}: leader {leader.State(now)} follower {follower.State(now)}; events {string.Join("; ", events)}");
                Assert.Equal(leader.Allows(now), follower.Allows(now));
            }
        }, iter: 300);
    }

    public static TheoryData<CircuitBreakerOptions, string> BadOptions => new()
    {
        { Options with { Window = TimeSpan.Zero }, "Window must be positive." },
        { Options with { MinimumVolume = 0 }, "MinimumVolume must be at least 1." },
        { Options with { RejectRateThreshold = 1.5m }, "RejectRateThreshold must lie in (0, 1], not 1.5." },
        { Options with { RejectRateThreshold = 0m }, "RejectRateThreshold must lie in (0, 1], not 0." },
        { Options with { CapBreachThreshold = 0 }, "CapBreachThreshold must be at least 1 when set." },
        { Options with { SettlementFailureThreshold = 0 }, "SettlementFailureThreshold must be at least 1 when set." },
        { Options with { OpenDuration = TimeSpan.FromSeconds(-1) }, "OpenDuration must be positive." },
        { Options with { HalfOpenTrials = 0 }, "HalfOpenTrials must be at least 1." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_NamesTheProblem_ForBadOptions(CircuitBreakerOptions options, string problem)
    {
        Assert.Equal([problem], options.Validate());
        Assert.Throws<ArgumentException>(() => new CircuitBreaker(Mumbai, options));
    }

    [Fact]
    public void Validate_AcceptsTheDefaults()
    {
        Assert.Empty(new CircuitBreakerOptions().Validate());
    }

    [Fact]
    public void Events_FormAChain_AndAllowsMatchesTheState_ForAnyOutcomes()
    {
        Gen<(int Gap, BreakerOutcome Outcome)[]> steps = Gen.Select(Gen.Int[0, 180], Gen.Enum<BreakerOutcome>()).Array[0, 120];
        steps.Sample(sequence =>
        {
            CircuitBreaker breaker = Breaker();
            BreakerState state = BreakerState.Closed;
            DateTimeOffset now = T0;
            foreach ((int gap, BreakerOutcome outcome) in sequence)
            {
                now = now.AddSeconds(gap);
                foreach (BreakerEvent e in breaker.Record(outcome, now))
                {
                    Assert.Equal(state, e.From);
                    Assert.NotEqual(e.From, e.To);
                    state = e.To;
                }

                Assert.True(breaker.State(now) == state || (state == BreakerState.Open && breaker.State(now) == BreakerState.HalfOpen));
                Assert.Equal(breaker.State(now) != BreakerState.Open, breaker.Allows(now));
            }
        }, iter: 300);
    }

    [Fact]
    public void Record_NeverTripsOnTheRate_BelowTheMinimumVolume_ForAnyOutcomes()
    {
        CircuitBreakerOptions rateOnly = Options with { CapBreachThreshold = null, SettlementFailureThreshold = null, MinimumVolume = 5, Window = TimeSpan.FromHours(1) };
        Gen.Enum<BreakerOutcome>().Array[0, 4].Sample(outcomes =>
        {
            CircuitBreaker breaker = Breaker(rateOnly);

            List<BreakerEvent> events = RecordAll(breaker, [.. outcomes.Select((o, i) => (i, o))]);

            Assert.Empty(events);
        }, iter: 300);
    }
}
