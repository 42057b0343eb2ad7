namespace DelTran.Core.Tokens;

/// <summary>
/// A currency's token reserve reconciled with the bank's statement: the supply by DelTran's ledger, the bank's balance
/// (null when it gave none), whether they agree (and every other invariant holds), and the problems found.
/// </summary>
public sealed record TokenReconciliation(TokenSupply Supply, decimal? BankReserve, bool Matches, IReadOnlyList<string> Problems)
{
    /// <summary>True when the bank's statement was compared and differs: a break that halts token operations.</summary>
    public bool Differs => BankReserve is not null && !Matches;
}
