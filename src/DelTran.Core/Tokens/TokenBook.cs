using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// What the conservation check reads for one currency: every token account's stored balance, the sum of each account's
/// ledger postings, the operations still pending or holding a bank confirmation, and (when reconciling) the balance the
/// bank's own statement gives for the reserve account.
/// </summary>
public sealed record TokenBook(
    Currency Currency,
    IReadOnlyDictionary<TokenAccountId, TokenBalance> Balances,
    IReadOnlyDictionary<TokenAccountId, decimal> LedgerSums,
    IReadOnlyList<TokenOperation> Operations)
{
    public decimal? BankReserveBalance { get; init; }
}
