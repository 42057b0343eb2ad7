namespace DelTran.Core.Tokens;

/// <summary>What one decision changes on one account: its posted balance and its locked amount.</summary>
public readonly record struct TokenBalanceChange(decimal Posted, decimal Locked)
{
    public TokenBalanceChange Plus(TokenBalanceChange other) => new(Posted + other.Posted, Locked + other.Locked);
}
