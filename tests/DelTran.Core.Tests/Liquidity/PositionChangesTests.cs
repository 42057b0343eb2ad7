using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Tests.Liquidity;

public sealed class PositionChangesTests
{
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic MumbaiBranch = Bic.Parse("SRCBINBB123");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");

    private static ObligationCandidate Candidate(string id, Bic debtor, Bic creditor, decimal amount) => new(id, debtor, creditor, new Money(amount, Currency.Inr));

    [Fact]
    public void Accept_DebitsTheDebtorAndCreditsTheCreditor_InPositionsAndChanges()
    {
        var positions = new Dictionary<PositionKey, decimal> { [PositionKey.Of(Mumbai, Currency.Inr)] = 50m };
        var changes = new Dictionary<PositionKey, decimal>();

        PositionChanges.Accept(positions, changes, Candidate("1", Mumbai, Dubai, 80m));

        Assert.Equal(-30m, positions[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(80m, positions[PositionKey.Of(Dubai, Currency.Inr)]);
        Assert.Equal(-80m, changes[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(0m, changes.Values.Sum());
    }

    [Fact]
    public void Release_UndoesAccept_Exactly()
    {
        var positions = new Dictionary<PositionKey, decimal> { [PositionKey.Of(Mumbai, Currency.Inr)] = 10m, [PositionKey.Of(Dubai, Currency.Inr)] = -5m };
        var original = new Dictionary<PositionKey, decimal>(positions);
        var changes = new Dictionary<PositionKey, decimal>();
        ObligationCandidate candidate = Candidate("1", Mumbai, Dubai, 12.34m);

        PositionChanges.Accept(positions, changes, candidate);
        PositionChanges.Release(positions, changes, candidate);

        Assert.Equal(original, positions);
        Assert.All(changes.Values, change => Assert.Equal(0m, change));
    }

    [Fact]
    public void Before_RemovesTheAppliedBatch_AndLeavesThePositionsItWasGiven()
    {
        var withBatch = new Dictionary<PositionKey, decimal>
        {
            [PositionKey.Of(Mumbai, Currency.Inr)] = -100m,
            [PositionKey.Of(Dubai, Currency.Inr)] = 100m,
        };

        Dictionary<PositionKey, decimal> before = PositionChanges.Before(withBatch, [Candidate("1", Mumbai, Dubai, 60m), Candidate("2", Mumbai, Dubai, 40m)]);

        Assert.Equal(0m, before[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(0m, before[PositionKey.Of(Dubai, Currency.Inr)]);
        Assert.Equal(-100m, withBatch[PositionKey.Of(Mumbai, Currency.Inr)]);
    }

    [Fact]
    public void Accept_MovesNothingNet_BetweenBranchesOfOneParticipant()
    {
        var positions = new Dictionary<PositionKey, decimal>();
        var changes = new Dictionary<PositionKey, decimal>();

        PositionChanges.Accept(positions, changes, Candidate("1", Mumbai, MumbaiBranch, 70m));

        Assert.Equal(0m, positions[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(0m, changes[PositionKey.Of(Mumbai, Currency.Inr)]);
    }
}
