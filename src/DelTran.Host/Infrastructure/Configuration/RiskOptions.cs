namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>Risk stage limits: the largest amount one transaction may carry, per currency.</summary>
public sealed class RiskOptions
{
    public Dictionary<string, decimal> MaxPerTransaction { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Maximum per transaction on a corridor, keyed "IN-AE-INR" (a ':' would split the configuration key).</summary>
    public Dictionary<string, decimal> MaxPerCorridor { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<Core.Liquidity.Corridor, decimal> CorridorMaximums()
    {
        var maximums = new Dictionary<Core.Liquidity.Corridor, decimal>();
        foreach ((string key, decimal max) in MaxPerCorridor)
        {
            if (LiquidityOptions.TryParseCorridor(key, out var c))
            {
                maximums[new Core.Liquidity.Corridor(c.DebtorCountry, c.CreditorCountry, Core.Amounts.Currency.Parse(c.Currency))] = max;
            }
        }

        return maximums;
    }
}
