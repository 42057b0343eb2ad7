namespace DelTran.Core.Tokens;

/// <summary>
/// What an accepted token decision changes, for the caller to save in one transaction: the operations to insert or update,
/// the ledger postings, and each account's balance change. <see cref="Replayed"/> marks a repeated request answered with
/// what is stored, which changes nothing.
/// </summary>
public sealed record TokenChange(
    IReadOnlyList<TokenOperation> Operations,
    IReadOnlyList<TokenPosting> Postings,
    IReadOnlyDictionary<TokenAccountId, TokenBalanceChange> Balances,
    bool Replayed = false)
{
    public static TokenChange Replay(params TokenOperation[] stored) => new(stored, [], new Dictionary<TokenAccountId, TokenBalanceChange>(), Replayed: true);

    /// <summary>The balances after this change.</summary>
    public Dictionary<TokenAccountId, TokenBalance> ApplyTo(IReadOnlyDictionary<TokenAccountId, TokenBalance> balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var after = new Dictionary<TokenAccountId, TokenBalance>(balances);
        foreach ((TokenAccountId account, TokenBalanceChange change) in Balances)
        {
            after[account] = after.GetValueOrDefault(account).Apply(change);
        }

        return after;
    }
}
