using DelTran.Core.Pipeline;

namespace DelTran.Core.Tests.Pipeline;

public sealed class TransactionStatesTests
{
    private static readonly HashSet<(TransactionState From, TransactionState To)> Allowed =
    [
        (TransactionState.Received, TransactionState.Validated),
        (TransactionState.Received, TransactionState.Rejected),
        (TransactionState.Validated, TransactionState.Screened),
        (TransactionState.Validated, TransactionState.Rejected),
        (TransactionState.Validated, TransactionState.Held),
        (TransactionState.Held, TransactionState.Screened),
        (TransactionState.Held, TransactionState.Rejected),
        (TransactionState.Screened, TransactionState.RiskChecked),
        (TransactionState.Screened, TransactionState.Rejected),
        (TransactionState.RiskChecked, TransactionState.Accepted),
        (TransactionState.RiskChecked, TransactionState.SettledInTokens),
        (TransactionState.RiskChecked, TransactionState.Rejected),
    ];

    public static TheoryData<TransactionState, TransactionState> Pairs()
    {
        var pairs = new TheoryData<TransactionState, TransactionState>();
        foreach (TransactionState from in Enum.GetValues<TransactionState>())
        {
            foreach (TransactionState to in Enum.GetValues<TransactionState>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void CanMove_AllowsExactlyTheListedMoves_ForEveryPair(TransactionState from, TransactionState to)
    {
        Assert.Equal(Allowed.Contains((from, to)), TransactionStates.CanMove(from, to));
    }

    [Theory]
    [InlineData(TransactionState.Received, "RECEIVED")]
    [InlineData(TransactionState.Validated, "VALIDATED")]
    [InlineData(TransactionState.Screened, "SCREENED")]
    [InlineData(TransactionState.RiskChecked, "RISK_CHECKED")]
    [InlineData(TransactionState.Accepted, "ACCEPTED")]
    [InlineData(TransactionState.Rejected, "REJECTED")]
    [InlineData(TransactionState.Held, "HELD")]
    [InlineData(TransactionState.SettledInTokens, "SETTLED_IN_TOKENS")]
    public void Code_IsTheStoredText_AndReadsBackExactly(TransactionState state, string code)
    {
        Assert.Equal(code, TransactionStates.Code(state));
        Assert.True(TransactionStates.TryParse(code, out TransactionState read));
        Assert.Equal(state, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("accepted")]
    [InlineData("RiskChecked")]
    [InlineData("4")]
    public void TryParse_Refuses_WhatNoStateIsStoredAs(string? code)
    {
        Assert.False(TransactionStates.TryParse(code, out _));
    }

    [Fact]
    public void InStagesAndIsFinal_SplitTheStatesAsThePipelineNeeds()
    {
        Assert.Equal([TransactionState.Validated, TransactionState.Screened, TransactionState.RiskChecked], TransactionStates.InStages);
        Assert.Equal([TransactionState.Accepted, TransactionState.Rejected, TransactionState.SettledInTokens], Enum.GetValues<TransactionState>().Where(TransactionStates.IsFinal));
        Assert.Equal([TransactionState.Accepted, TransactionState.SettledInTokens], Enum.GetValues<TransactionState>().Where(TransactionStates.HasObligation));
    }

    [Theory]
    [InlineData(MessageLifecycle.Received, "RECEIVED")]
    [InlineData(MessageLifecycle.Processing, "PROCESSING")]
    [InlineData(MessageLifecycle.Completed, "COMPLETED")]
    public void MessageLifecycles_CodeReadsBackExactly(MessageLifecycle state, string code)
    {
        Assert.Equal(code, MessageLifecycles.Code(state));
        Assert.True(MessageLifecycles.TryParse(code, out MessageLifecycle read));
        Assert.Equal(state, read);
        Assert.False(MessageLifecycles.TryParse(code.ToLowerInvariant(), out _));
    }
}
