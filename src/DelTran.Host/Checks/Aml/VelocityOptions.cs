using DelTran.Core.Aml;
using DelTran.Core.Amounts;

namespace DelTran.Host.Checks.Aml;

/// <summary>Velocity: more than <see cref="MaxCount"/> payments, or more than a currency's <see cref="MaxAmounts"/>, within <see cref="WindowHours"/>.</summary>
public sealed class VelocityOptions
{
    public bool Enabled { get; set; } = true;

    public double WindowHours { get; set; } = 24;

    public int? MaxCount { get; set; }

    public Dictionary<string, decimal> MaxAmounts { get; set; } = new(StringComparer.Ordinal);

    public bool Reject { get; set; }

    public VelocityRule ToRule() => new(
        TimeSpan.FromHours(WindowHours),
        MaxCount,
        MaxAmounts.ToDictionary(m => Currency.Parse(m.Key), m => m.Value),
        new AmlRuleSettings(Enabled: Enabled, Severity: AmlSeverity.Medium, Reject: Reject));
}
