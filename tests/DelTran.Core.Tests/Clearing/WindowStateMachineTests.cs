using DelTran.Core.Clearing;

namespace DelTran.Core.Tests.Clearing;

public sealed class WindowStateMachineTests
{
    private static readonly HashSet<(WindowState From, WindowState To)> Allowed =
    [
        (WindowState.Open, WindowState.Closing),
        (WindowState.Closing, WindowState.Netted),
        (WindowState.Netted, WindowState.Settling),
        (WindowState.Settling, WindowState.Settled),
        (WindowState.Closing, WindowState.Failed),
        (WindowState.Netted, WindowState.Failed),
        (WindowState.Settling, WindowState.Failed),
        (WindowState.Failed, WindowState.Settling),
    ];

    public static TheoryData<WindowState, WindowState> AllPairs()
    {
        var data = new TheoryData<WindowState, WindowState>();
        foreach (WindowState from in Enum.GetValues<WindowState>())
        {
            foreach (WindowState to in Enum.GetValues<WindowState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanMove_AllowsExactlyTheListedTransitions_ForEveryPair(WindowState from, WindowState to)
    {
        Assert.Equal(Allowed.Contains((from, to)), WindowStateMachine.CanMove(from, to));
    }

    [Fact]
    public void AllPairs_CoverEveryStateTwice()
    {
        Assert.Equal(36, AllPairs().Count);
        Assert.Equal(Enum.GetValues<WindowState>(), WindowStateMachine.All);
    }

    [Theory]
    [InlineData(WindowState.Open, "OPEN")]
    [InlineData(WindowState.Closing, "CLOSING")]
    [InlineData(WindowState.Netted, "NETTED")]
    [InlineData(WindowState.Settling, "SETTLING")]
    [InlineData(WindowState.Settled, "SETTLED")]
    [InlineData(WindowState.Failed, "FAILED")]
    public void Code_RoundTripsThroughParse_ForEveryState(WindowState state, string code)
    {
        Assert.Equal(code, WindowStateMachine.Code(state));
        Assert.Equal(state, WindowStateMachine.Parse(code));
    }

    [Theory]
    [InlineData("open")]
    [InlineData("")]
    [InlineData("CLOSED")]
    [InlineData(" OPEN")]
    public void Parse_Throws_WhenTheCodeNamesNoState(string code)
    {
        Assert.Throws<FormatException>(() => WindowStateMachine.Parse(code));
        Assert.False(WindowStateMachine.TryParse(code, out _));
    }

    [Fact]
    public void Code_Throws_WhenTheValueIsNotAState()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowStateMachine.Code((WindowState)42));
    }

    [Fact]
    public void IsFinal_HoldsOnlyForSettled()
    {
        Assert.Equal([WindowState.Settled], Enum.GetValues<WindowState>().Where(WindowStateMachine.IsFinal));
        Assert.All(Enum.GetValues<WindowState>().Where(WindowStateMachine.IsFinal), s => Assert.DoesNotContain(Allowed, a => a.From == s));
    }
}
