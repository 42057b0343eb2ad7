using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Pipeline;

namespace DelTran.Core.Tests.Pipeline;

/// <summary>The one rule for a pacs.002 group status, over the transactions' statuses.</summary>
public sealed class PipelineStatusTests
{
    [Theory]
    [InlineData(3, 0, false, GroupStatus.Accepted)]
    [InlineData(3, 1, false, GroupStatus.PartiallyAccepted)]
    [InlineData(3, 3, false, GroupStatus.Rejected)]
    [InlineData(3, 0, true, GroupStatus.Rejected)]
    public void ForGroup_ChoosesGroupStatus_FromCounts(int transactions, int rejected, bool messageRejected, GroupStatus expected)
    {
        IEnumerable<TransactionStatus> statuses = Enumerable.Repeat(TransactionStatus.Rejected, rejected)
            .Concat(Enumerable.Repeat(TransactionStatus.Accepted, transactions - rejected));

        Assert.Equal(expected, PipelineStatus.ForGroup(messageRejected, statuses));
    }

    [Theory]
    [InlineData(new[] { TransactionStatus.AcceptedSettlementCompleted, TransactionStatus.AcceptedSettlementCompleted }, GroupStatus.AcceptedSettlementCompleted)]
    [InlineData(new[] { TransactionStatus.AcceptedSettlementCompleted, TransactionStatus.Accepted }, GroupStatus.Accepted)]
    [InlineData(new[] { TransactionStatus.AcceptedSettlementCompleted, TransactionStatus.Rejected }, GroupStatus.PartiallyAccepted)]
    [InlineData(new[] { TransactionStatus.AcceptedSettlementCompleted, TransactionStatus.Pending }, GroupStatus.Pending)]
    public void ForGroup_IsAcscOnlyWhenEveryTransactionSettledInTokens(TransactionStatus[] statuses, GroupStatus expected)
    {
        Assert.Equal(expected, PipelineStatus.ForGroup(false, statuses));
        Assert.Equal(TransactionStatus.AcceptedSettlementCompleted, PipelineStatus.ForTransaction(TransactionState.SettledInTokens));
    }

    [Fact]
    public void ForGroup_IsPending_WhileAnyTransactionIsUndecided()
    {
        Assert.Equal(GroupStatus.Pending, PipelineStatus.ForGroup(false, [TransactionStatus.Accepted, TransactionStatus.Rejected, TransactionStatus.Pending]));
    }

    [Fact]
    public void ForGroup_IsRejected_ForAMessageWithNoTransactions()
    {
        Assert.Equal(GroupStatus.Rejected, PipelineStatus.ForGroup(false, []));
    }

    [Theory]
    [InlineData(TransactionState.Accepted, TransactionStatus.Accepted)]
    [InlineData(TransactionState.Rejected, TransactionStatus.Rejected)]
    [InlineData(TransactionState.Held, TransactionStatus.Pending)]
    [InlineData(TransactionState.Screened, TransactionStatus.Pending)]
    public void ForTransaction_MapsPipelineStates(TransactionState state, TransactionStatus expected)
    {
        Assert.Equal(expected, PipelineStatus.ForTransaction(state));
    }
}
