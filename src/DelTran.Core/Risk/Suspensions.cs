using DelTran.Core.Iso20022;

namespace DelTran.Core.Risk;

/// <summary>Participants an operator suspended by hand: nothing is paid by them (AG10) or to them (AG11).</summary>
public static class Suspensions
{
    public static Refusal? Check(Bic debtorAgent, Bic creditorAgent, IReadOnlySet<string> suspended)
    {
        ArgumentNullException.ThrowIfNull(suspended);
        if (suspended.Contains(debtorAgent.Institution))
        {
            return new Refusal(BreakerReasonCodes.DebtorAgentSuspended, $"Debtor agent {debtorAgent.Institution} is suspended by an operator.");
        }

        return suspended.Contains(creditorAgent.Institution)
            ? new Refusal(BreakerReasonCodes.CreditorAgentSuspended, $"Creditor agent {creditorAgent.Institution} is suspended by an operator.")
            : null;
    }
}
