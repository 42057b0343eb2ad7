using DelTran.Core.Iso20022;

namespace DelTran.Core.Risk;

/// <summary>ExternalStatusReason1Code values for refusals by a breaker or an operator's suspension.</summary>
public static class BreakerReasonCodes
{
    /// <summary>
    /// AG10 AgentSuspended: the agent of the message is suspended from the payment system. A tripped breaker is an
    /// automatic, temporary suspension of the debtor agent, so it gets the same code as an operator's suspension.
    /// AM14 would blame a limit and AG01 an agreement, neither of which is the cause.
    /// </summary>
    public const string DebtorAgentSuspended = "AG10";

    /// <summary>AG11 CreditorAgentSuspended: the creditor agent is suspended from the payment system.</summary>
    public const string CreditorAgentSuspended = "AG11";

    /// <summary>
    /// AG01 TransactionForbidden for a tripped or suspended corridor: the route, not an agent, is closed for now,
    /// which is the same refusal DelTran gives for a corridor it does not clear at all.
    /// </summary>
    public const string CorridorClosed = ReasonCode.AG01;
}
