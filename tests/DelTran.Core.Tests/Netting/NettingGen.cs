using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Netting;

namespace DelTran.Core.Tests.Netting;

/// <summary>Random obligations between a handful of BIC8 participants in INR, AED and USD, for property tests.</summary>
internal static class NettingGen
{
    public static readonly string[] Participants = ["HDFCINBB", "SBININBB", "EBILAEAD", "NBADAEAA", "CITIUS33", "CHASUS33"];
    public static readonly Currency[] Currencies = [Currency.Inr, Currency.Aed, Currency.Usd];

    public static readonly Gen<(string Debtor, string Creditor, Money Amount)> Obligation =
        Gen.Select(Gen.Int[0, Participants.Length - 1], Gen.Int[1, Participants.Length - 1], Gen.Int[0, Currencies.Length - 1], Gen.Long[1, 99_999_999_99L])
            .Select((d, offset, c, minor) => (Participants[d], Participants[(d + offset) % Participants.Length], new Money(minor / 100m, Currencies[c])));

    public static readonly Gen<(string Debtor, string Creditor, Money Amount)[]> Obligations = Obligation.Array[0, 80];

    public static NettingResult Net(IEnumerable<(string Debtor, string Creditor, Money Amount)> obligations)
    {
        var calculator = new NettingCalculator();
        foreach ((string debtor, string creditor, Money amount) in obligations)
        {
            calculator.Add(debtor, creditor, amount);
        }

        return calculator.Complete();
    }

    /// <summary>What a database aggregate over the same obligations would say: count and sum per currency.</summary>
    public static Dictionary<Currency, (long Count, decimal Sum)> Expected(IEnumerable<(string Debtor, string Creditor, Money Amount)> obligations) =>
        obligations.GroupBy(o => o.Amount.Currency).ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(o => o.Amount.Amount)));
}
