using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// A currency's proof of reserves at the end of one day in its time zone, from the ledger as booked by then: the tokens
/// outstanding on participant accounts, the reserve DelTran holds at the bank, what sits in suspense, and whether
/// reserve = outstanding + suspense; beside them the bank's own statement of the reserve as last reconciled that day.
/// </summary>
public sealed record ProofOfReserves(
    Currency Currency,
    DateOnly Day,
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Outstanding,
    decimal Reserve,
    decimal Suspense,
    int ParticipantAccounts,
    DateTimeOffset? ReconciledAt,
    decimal? BankReserve,
    bool? ReconciliationMatched)
{
    public bool Backed => Reserve == Outstanding + Suspense;
}
