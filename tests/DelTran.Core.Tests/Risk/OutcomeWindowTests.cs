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
            }

            window.Clear();
            Assert.Equal((0, 0, 0, 0), (window.Transactions, window.Refused, window.Breaches, window.Failures));
        });
    }
}
