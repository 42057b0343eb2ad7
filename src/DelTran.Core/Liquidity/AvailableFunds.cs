
namespace DelTran.Core.Liquidity;

/// <summary>
/// What a participant can draw on in one currency right now: the settlement account's balance plus its credit line,
/// less what is already reserved for settlements under way. The Host loads it from the settlement account row.
/// </summary>
public sealed record AvailableFunds
{
    public AvailableFunds(decimal balance, decimal creditLine, decimal reserved)
    {
        if (creditLine < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(creditLine), creditLine, "A credit line is zero or more.");
        }

        if (reserved < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(reserved), reserved, "A reservation is zero or more.");
        }

        Balance = balance;
        CreditLine = creditLine;
        Reserved = reserved;
    }

    public decimal Balance { get; }

    public decimal CreditLine { get; }

    public decimal Reserved { get; }

    /// <summary>Balance + credit line − reserved. Negative when reservations already exceed what the account covers.</summary>
    public decimal Available => Balance + CreditLine - Reserved;

    public static AvailableFunds From(SettlementAccount account, decimal reserved = 0m)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AvailableFunds(account.Balance, account.CreditLine, reserved);
    }

    /// <summary>Accounts keyed by position, for callers that hold <see cref="SettlementAccount"/>s without reservations.</summary>
    public static IReadOnlyDictionary<PositionKey, AvailableFunds> From(IReadOnlyDictionary<PositionKey, SettlementAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return accounts.ToDictionary(pair => pair.Key, pair => From(pair.Value));
    }
}
