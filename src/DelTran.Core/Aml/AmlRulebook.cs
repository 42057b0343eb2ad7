using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Aml;

/// <summary>The AML rulebook: one section per rule; a null section switches the rule off.</summary>
public sealed record AmlRulebook
{
    /// <summary>Amounts at or above these are reported, per currency; a currency without one is not checked.</summary>
    public IReadOnlyDictionary<Currency, decimal> ReportingThresholds { get; init; } = new Dictionary<Currency, decimal>();

    public AmlRuleSettings Threshold { get; init; } = new(Severity: AmlSeverity.Low);

    public StructuringRule? Structuring { get; init; }

    public VelocityRule? DebtorVelocity { get; init; }

    public VelocityRule? CorridorVelocity { get; init; }

    /// <summary>ISO 3166 alpha-2 codes; a payment touching one (debtor, creditor or either agent) raises an alert.</summary>
    public IReadOnlySet<string> HighRiskCountries { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public AmlRuleSettings HighRiskCountry { get; init; } = new(Severity: AmlSeverity.High);

    /// <summary>The band structuring watches in a currency, [threshold × (1 − band), threshold); null when the rule or the threshold is off.</summary>
    public (decimal Floor, decimal Ceiling)? StructuringBand(Currency currency) =>
        Structuring is { } structuring && ReportingThresholds.TryGetValue(currency, out decimal ceiling)
            ? (ceiling * (1 - structuring.Band), ceiling)
            : null;

    /// <summary>The longest window any enabled rule looks back over; how far back the Host must keep and read flows.</summary>
    public TimeSpan LongestWindow => new[]
    {
        Structuring is { Settings.Enabled: true } s ? s.Window : TimeSpan.Zero,
        DebtorVelocity is { Settings.Enabled: true } d ? d.Window : TimeSpan.Zero,
        CorridorVelocity is { Settings.Enabled: true } c ? c.Window : TimeSpan.Zero,
    }.Max();

    /// <summary>
    /// The oldest flow time any rule can still read at <paramref name="now"/>, less <paramref name="margin"/>: flows before
    /// it can be deleted without changing an assessment. The margin covers clock skew between instances and a batch
    /// assessed a little after its time.
    /// </summary>
    public DateTimeOffset FlowsNeededSince(DateTimeOffset now, TimeSpan margin)
    {
        if (margin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin cannot be negative.");
        }

        return now - LongestWindow - margin;
    }

    /// <summary>What is wrong with the rulebook; empty when usable. The Host calls it at start-up.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach ((Currency currency, decimal threshold) in ReportingThresholds)
        {
            if (threshold <= 0)
            {
                problems.Add(Invariant($"The reporting threshold in {currency} must be positive, not {threshold}."));
            }
        }

        if (Structuring is { } structuring)
        {
            if (structuring.Count < 2)
            {
                problems.Add("Structuring needs a count of at least 2.");
            }

            if (structuring.Band <= 0 || structuring.Band >= 1)
            {
                problems.Add(Invariant($"The structuring band must lie in (0, 1), not {structuring.Band}."));
            }

            if (structuring.Window <= TimeSpan.Zero)
            {
                problems.Add("The structuring window must be positive.");
            }

            if (ReportingThresholds.Count == 0)
            {
                problems.Add("Structuring needs reporting thresholds to measure 'just below' against.");
            }
        }

        Velocity("Debtor velocity", DebtorVelocity, problems);
        Velocity("Corridor velocity", CorridorVelocity, problems);
        foreach (string country in HighRiskCountries)
        {
            if (!CountryCodes.IsAssigned(country))
            {
                problems.Add($"High-risk country '{country}' is not an ISO 3166 alpha-2 code.");
            }
        }

        return problems;
    }

    private static void Velocity(string name, VelocityRule? rule, List<string> problems)
    {
        if (rule is null)
        {
            return;
        }

        if (rule.Window <= TimeSpan.Zero)
        {
            problems.Add(name + ": the window must be positive.");
        }

        if (rule.MaxCount is < 1)
        {
            problems.Add(name + ": the maximum count must be at least 1.");
        }

        if (rule.MaxCount is null && rule.MaxAmounts.Count == 0)
        {
            problems.Add(name + ": set a maximum count, a maximum amount, or both.");
        }

        foreach ((Currency currency, decimal max) in rule.MaxAmounts)
        {
            if (max <= 0)
            {
                problems.Add(Invariant($"{name}: the maximum amount in {currency} must be positive, not {max}."));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
