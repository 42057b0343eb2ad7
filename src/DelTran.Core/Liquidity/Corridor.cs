using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Liquidity;

/// <summary>
/// A route DelTran clears: from an agent in <see cref="DebtorCountry"/> to an agent in <see cref="CreditorCountry"/>
/// (ISO 3166 alpha-2, as in the agents' BICs), settling in <see cref="Currency"/>. Direction matters: IN→AE in AED
/// and AE→IN in AED are two corridors.
/// </summary>
public readonly record struct Corridor(string DebtorCountry, string CreditorCountry, Currency Currency)
{
    public static Corridor Of(Bic debtorAgent, Bic creditorAgent, Currency currency) =>
        new(debtorAgent.CountryCode, creditorAgent.CountryCode, currency);

    public override string ToString() => DebtorCountry + "->" + CreditorCountry + " " + Currency.Code;

    /// <summary>Reads <see cref="ToString"/>'s "IN->AE INR" back; false for anything else.</summary>
    public static bool TryParse(string? text, out Corridor corridor)
    {
        corridor = default;
        string[] parts = (text ?? string.Empty).Split(' ');
        string[] countries = parts[0].Split("->");
        if (parts.Length != 2 || countries.Length != 2 || !Currency.TryParse(parts[1], out Currency currency))
        {
            return false;
        }

        corridor = new Corridor(countries[0], countries[1], currency);
        return true;
    }
}
