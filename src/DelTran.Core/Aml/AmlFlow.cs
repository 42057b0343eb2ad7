using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Aml;

/// <summary>One recent payment from the compact history the Host supplies: by the same debtor, on the same corridor, or both.</summary>
public sealed record AmlFlow(string TransactionId, string DebtorId, Corridor Corridor, Money Amount, DateTimeOffset At)
{
    public static AmlFlow From(AmlTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new(transaction.TransactionId, transaction.DebtorId, transaction.Corridor, transaction.Amount, transaction.At);
    }
}
