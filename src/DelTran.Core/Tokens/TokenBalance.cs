namespace DelTran.Core.Tokens;

/// <summary>
/// A token account's balance: <see cref="Posted"/> as the ledger has it (credits positive), and <see cref="Locked"/>, the
/// part held by pending transfers and burns. A participant spends only <see cref="Available"/>, and tokens carry no
/// credit, so it never goes below zero.
/// </summary>
public readonly record struct TokenBalance(decimal Posted, decimal Locked)
{
    public decimal Available => Posted - Locked;

    public TokenBalance Apply(TokenBalanceChange change) => new(Posted + change.Posted, Locked + change.Locked);
}
