using CsCheck;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class OutcomeWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_AgreeWithARecountOfTheOutcomesStillInTheWindow_AfterAnySequenceOfAddsAndDrops()
    {
        // Each step: an outcome at a later second, then a drop of everything older than a 30-second window.
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 20]).Array[0, 200].Sample(steps =>
        {
            var window = new OutcomeWindow();
            var kept = new List<(DateTimeOffset At, BreakerOutcome Outcome)>();
            DateTimeOffset now = T0;
            foreach ((int outcome, int seconds) in steps)
            {
                now = now.AddSeconds(seconds);
                window.Add(now, (BreakerOutcome)outcome);
                kept.Add((now, (BreakerOutcome)outcome));
                window.DropUpTo(now.AddSeconds(-30));
                kept.RemoveAll(o => o.At <= now.AddSeconds(-30));

                Assert.Equal(kept.Count(o => o.Outcome is BreakerOutcome.Accepted or BreakerOutcome.Rejected or BreakerOutcome.CapBreach), window.Transactions);
                Assert.Equal(kept.Count(o => o.Outcome is BreakerOutcome.Rejected or BreakerOutcome.CapBreach), window.Refused);
                Assert.Equal(kept.Count(o => o.Outcome is BreakerOutcome.CapBreach), window.Breaches);
                Assert.Equal(kept.Count(o => o.Outcome is BreakerOutcome.SettlementFailed), window.Failures);
                Assert.Equal(kept.Select(o => o.At).Distinct().Count(), window.Instants);
            }

            window.Clear();
            Assert.Equal((0, 0, 0, 0), (window.Transactions, window.Refused, window.Breaches, window.Failures));
        });
    }

    [Fact]
    public void ABatchOfOutcomesAtOneInstant_IsHeldAsOneEntry_AndLeavesTheWindowWhole()
    {
        var window = new OutcomeWindow();
        for (int i = 0; i < 100_000; i++)
        {
            window.Add(T0, i % 10 == 0 ? BreakerOutcome.Rejected : BreakerOutcome.Accepted);
        }

        window.Add(T0.AddSeconds(1), BreakerOutcome.CapBreach);

        Assert.Equal(2, window.Instants);
        Assert.Equal((100_001, 10_001, 1), (window.Transactions, window.Refused, window.Breaches));

        window.DropUpTo(T0);
        Assert.Equal((1, 1, 1, 1), (window.Instants, window.Transactions, window.Refused, window.Breaches));

        // A later outcome at the instant already held joins it.
        window.Add(T0.AddSeconds(1), BreakerOutcome.Accepted);
        Assert.Equal((1, 2), (window.Instants, window.Transactions));
    }
}
