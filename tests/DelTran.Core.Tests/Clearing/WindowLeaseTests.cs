using DelTran.Core.Clearing;

namespace DelTran.Core.Tests.Clearing;

public sealed class WindowLeaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsFree_IsTrue_WhenNobodyHoldsIt()
    {
        Assert.True(WindowLease.None.IsFree(Now));
        Assert.False(WindowLease.None.IsTakeover);
    }

    [Fact]
    public void IsFree_IsFalse_WhileAHolderIsWithinItsLease_EvenForThatHolder()
    {
        var held = new WindowLease("a", Now.AddSeconds(1), 3);

        Assert.False(held.IsFree(Now));
        Assert.False(held.IsFree(Now.AddTicks(TimeSpan.TicksPerSecond - 1)));
    }

    [Fact]
    public void IsFree_IsTrue_FromTheMomentTheLeaseRunsOut_AndTakingItIsATakeover()
    {
        var held = new WindowLease("a", Now, 3);

        Assert.True(held.IsFree(Now));
        Assert.True(held.IsTakeover);
    }

    [Fact]
    public void TakenBy_RaisesTheFence_SoTheFormerHoldersWritesCanBeRefused()
    {
        var held = new WindowLease("a", Now, 3);

        WindowLease taken = held.TakenBy("b", Now.AddSeconds(15));

        Assert.Equal(new WindowLease("b", Now.AddSeconds(15), 4), taken);
        Assert.True(taken.Fence > held.Fence);
    }
}
