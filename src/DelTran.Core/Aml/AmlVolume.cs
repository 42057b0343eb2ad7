using DelTran.Core.Amounts;

namespace DelTran.Core.Aml;

/// <summary>How many payments, and how much in the assessed payment's currency (other currencies count but add nothing).</summary>
public readonly record struct AmlVolume(int Count, decimal TotalInCurrency)
{
    public AmlVolume Plus(Money amount, Currency currency) => new(Count + 1, TotalInCurrency + (amount.Currency == currency ? amount.Amount : 0m));
}
