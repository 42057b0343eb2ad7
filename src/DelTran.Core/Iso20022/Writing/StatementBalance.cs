using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>A booked balance: a signed amount (negative is a debit balance) on a date.</summary>
public sealed record StatementBalance(Money Amount, DateOnly Date)
{
    public CreditDebit Direction => Amount.Amount < 0m ? CreditDebit.Debit : CreditDebit.Credit;
}
