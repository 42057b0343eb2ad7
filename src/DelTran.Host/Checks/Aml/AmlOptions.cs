using DelTran.Core.Aml;
using DelTran.Core.Amounts;

namespace DelTran.Host.Checks.Aml;

/// <summary>
/// The "DelTran:Aml" section: the rules the compliance stage applies after sanctions screening. An alert is recorded;
/// a payment is rejected (RR04) only where the rulebook says so.
/// </summary>
public sealed class AmlOptions
{
    public const string Section = "DelTran:Aml";

    /// <summary>Amounts at or above these (per currency) are reported.</summary>
    public Dictionary<string, decimal> ReportingThresholds { get; set; } = new(StringComparer.Ordinal) { ["INR"] = 1_000_000m, ["AED"] = 55_000m, ["USD"] = 10_000m };

    public bool RejectOverThreshold { get; set; }

    /// <summary>ISO 3166 alpha-2 codes; a payment whose agents are in one raises an alert.</summary>
    public List<string> HighRiskCountries { get; set; } = [];

    public bool RejectHighRiskCountries { get; set; }

    /// <summary>Many payments from one debtor just below the threshold within a window; on by default; Enabled: false switches it off.</summary>
    public StructuringOptions? Structuring { get; set; } = new();

    /// <summary>Payments per debtor within a window; on by default; Enabled: false switches it off.</summary>
    public VelocityOptions? DebtorVelocity { get; set; } = new() { MaxCount = 100 };

    /// <summary>Payments per corridor within a window. Off by default: a corridor's normal volume is each clearing house's own figure.</summary>
    public VelocityOptions? CorridorVelocity { get; set; }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (string currency in ReportingThresholds.Keys.Where(c => !Currency.TryParse(c, out _)))
        {
            problems.Add($"{Section}:ReportingThresholds: '{currency}' is not an ISO 4217 currency.");
        }

        foreach (string country in HighRiskCountries.Where(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)))
        {
            problems.Add($"{Section}:HighRiskCountries: '{country}' is not an ISO 3166 alpha-2 code.");
        }

        foreach ((string name, VelocityOptions? velocity) in new[] { ("DebtorVelocity", DebtorVelocity), ("CorridorVelocity", CorridorVelocity) })
        {
            foreach (string currency in velocity?.MaxAmounts.Keys.Where(c => !Currency.TryParse(c, out _)) ?? [])
            {
                problems.Add($"{Section}:{name}:MaxAmounts: '{currency}' is not an ISO 4217 currency.");
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(ToRulebook().Validate().Select(p => $"{Section}: {p}"));
        }

        return problems;
    }

    public AmlRulebook ToRulebook() => new()
    {
        ReportingThresholds = ReportingThresholds.ToDictionary(t => Currency.Parse(t.Key), t => t.Value),
        Threshold = new AmlRuleSettings(Severity: AmlSeverity.Low, Reject: RejectOverThreshold),
        HighRiskCountries = new HashSet<string>(HighRiskCountries, StringComparer.Ordinal),
        HighRiskCountry = new AmlRuleSettings(Severity: AmlSeverity.High, Reject: RejectHighRiskCountries),
        Structuring = Structuring is { } s
            ? new StructuringRule(s.Count, s.Band, new AmlRuleSettings(Enabled: s.Enabled, Severity: AmlSeverity.High, Reject: s.Reject)) { Window = TimeSpan.FromHours(s.WindowHours) }
            : null,
        DebtorVelocity = DebtorVelocity?.ToRule(),
        CorridorVelocity = CorridorVelocity?.ToRule(),
    };
}
