namespace DelTran.Core.Liquidity;

/// <summary>
/// A participant's settlement account in one currency, and the one rule for what it can draw on right now: the
/// balance plus the credit line, less what is already reserved for settlements under way. Risk bounds net debit caps
/// by it, liquidity judges coverage by it, settlement plans by it and the API shows it.
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
}
