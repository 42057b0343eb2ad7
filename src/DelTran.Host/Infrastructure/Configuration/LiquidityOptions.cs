namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>Liquidity stage: the corridors DelTran clears, as "debtor country-creditor country:currency".</summary>
public sealed class LiquidityOptions
{
    public List<string> Corridors { get; set; } = [];

    public static bool TryParseCorridor(string text, out (string DebtorCountry, string CreditorCountry, string Currency) corridor)
    {
        corridor = default;
        string[] parts = text.Split([':', '-']);
        if (parts.Length != 3 || parts[0].Length != 2 || parts[1].Length != 2 || !Core.Amounts.Currency.TryParse(parts[2], out _))
        {
            return false;
        }

        corridor = (parts[0], parts[1], parts[2]);
        return true;
    }
}
