using CsCheck;
using DelTran.Core.Aml;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Tests.Aml;

public sealed class AmlRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic Tehran = Bic.Parse("BMJIIRTHXXX");
    private static readonly Corridor InAe = new("IN", "AE", Currency.Inr);
    private static readonly Corridor AeIn = new("AE", "IN", Currency.Inr);

    private static readonly AmlRulebook Thresholds = new()
    {
        ReportingThresholds = new Dictionary<Currency, decimal> { [Currency.Inr] = 1_000_000m, [Currency.Usd] = 10_000m },
    };

    private static AmlTransaction Tx(decimal amount, Currency? currency = null, string debtor = "D1", Bic? creditorAgent = null, string id = "TX-NOW") =>
        new(id, debtor, Mumbai, creditorAgent ?? Dubai, new Money(amount, currency ?? Currency.Inr), Now);

    private static AmlFlow Flow(decimal amount, double hoursAgo, string debtor = "D1", Corridor? corridor = null, Currency? currency = null, string? id = null) =>
        new(id ?? "F-" + Guid.NewGuid().ToString("N"), debtor, corridor ?? InAe, new Money(amount, currency ?? Currency.Inr), Now.AddHours(-hoursAgo));

    public static TheoryData<decimal, string, bool> ThresholdCases => new()
    {
        { 1_000_000.00m, "INR", true },   // at the threshold
        { 999_999.99m, "INR", false },
        { 10_000.00m, "USD", true },
        { 9_999_999m, "AED", false },     // AED has no threshold configured
    };

    [Theory]
    [MemberData(nameof(ThresholdCases))]
    public void Assess_RaisesTheThresholdAlert_AtOrAboveTheCurrencysThreshold(decimal amount, string currency, bool alert)
    {
        AmlAssessment result = AmlRules.Assess(Tx(amount, Currency.Parse(currency)), [], Thresholds);

        Assert.Equal(alert, result.Alerts.Any(a => a.RuleId == AmlRules.ThresholdRule));
        Assert.False(result.Reject); // an alert, not a rejection, unless the rulebook says so
    }

    [Fact]
    public void Assess_Rejects_WithRR04_WhenTheRulebookMakesTheRuleAReject()
    {
        AmlRulebook rulebook = Thresholds with { Threshold = new AmlRuleSettings(Severity: AmlSeverity.High, Reject: true) };

        AmlAssessment result = AmlRules.Assess(Tx(2_000_000m), [], rulebook);

        AmlAlert alert = Assert.Single(result.Alerts);
        Assert.Equal((AmlRules.ThresholdRule, AmlSeverity.High, true, "RR04"), (alert.RuleId, alert.Severity, alert.Reject, alert.ReasonCode));
        Assert.Equal("2000000.00 INR is at or above the reporting threshold of 1000000.00 INR.", alert.Explanation);
        Assert.Equal((true, "RR04"), (result.Reject, result.ReasonCode));
    }

    private static readonly AmlRulebook StructuringBook = Thresholds with
    {
        Threshold = new AmlRuleSettings(Enabled: false),
        Structuring = new StructuringRule(3, 0.10m, new AmlRuleSettings(Severity: AmlSeverity.High)),
    };

    [Fact]
    public void Assess_FlagsStructuring_WhenEnoughPaymentsSitJustBelowTheThreshold()
    {
        AmlFlow[] history = [Flow(950_000m, 3), Flow(900_000m, 23.9)];

        AmlAssessment result = AmlRules.Assess(Tx(990_000m), history, StructuringBook);

        AmlAlert alert = Assert.Single(result.Alerts);
        Assert.Equal(AmlRules.StructuringRule, alert.RuleId);
        Assert.Equal("Debtor D1 made 3 payments in INR between 900000.00 and the threshold of 1000000.00 within 1.00:00:00 (limit 3).", alert.Explanation);
    }

    public static TheoryData<string, decimal, AmlFlow[]> NotStructuring => new()
    {
        { "one is 24 hours old", 990_000m, [Flow(950_000m, 3), Flow(900_000m, 24)] },
        { "one is below the band", 990_000m, [Flow(950_000m, 3), Flow(899_999.99m, 2)] },
        { "one is at the threshold", 990_000m, [Flow(950_000m, 3), Flow(1_000_000m, 2)] },
        { "one is another debtor's", 990_000m, [Flow(950_000m, 3), Flow(950_000m, 2, debtor: "D2")] },
        { "one is in another currency", 990_000m, [Flow(950_000m, 3), Flow(9_500m, 2, currency: Currency.Usd)] },
        { "this payment is outside the band", 500_000m, [Flow(950_000m, 3), Flow(950_000m, 2)] },
        { "one is this payment reported again", 990_000m, [Flow(950_000m, 3), Flow(990_000m, 0, id: "TX-NOW")] },
    };

    [Theory]
    [MemberData(nameof(NotStructuring))]
    public void Assess_DoesNotFlagStructuring_When(string why, decimal amount, AmlFlow[] history)
    {
        Assert.NotNull(why);
        Assert.Empty(AmlRules.Assess(Tx(amount), history, StructuringBook).Alerts);
    }

    [Fact]
    public void Assess_FlagsDebtorVelocity_OnCountAndOnAmount()
    {
        var rulebook = new AmlRulebook
        {
            DebtorVelocity = new VelocityRule(TimeSpan.FromHours(1), 3, new Dictionary<Currency, decimal> { [Currency.Inr] = 100_000m }, new AmlRuleSettings()),
        };
        AmlFlow[] threeRecent = [Flow(10m, 0.1), Flow(10m, 0.2, corridor: AeIn), Flow(10m, 0.9)];
        AmlFlow[] large = [Flow(90_000m, 0.5), Flow(500_000m, 1.0)]; // the second has left the hour

        AmlAlert byCount = Assert.Single(AmlRules.Assess(Tx(10m), threeRecent, rulebook).Alerts);
        AmlAlert byAmount = Assert.Single(AmlRules.Assess(Tx(10_000.01m), large, rulebook).Alerts);
        AmlAssessment atLimit = AmlRules.Assess(Tx(10_000m), large, rulebook);

        Assert.Equal("Velocity of debtor D1 within 01:00:00: 4 payments (limit 3).", byCount.Explanation);
        Assert.Equal("Velocity of debtor D1 within 01:00:00: 100000.01 INR (limit 100000.00).", byAmount.Explanation);
        Assert.Empty(atLimit.Alerts);
    }

    [Fact]
    public void Assess_FlagsCorridorVelocity_CountingOnlyThatCorridor()
    {
        var rulebook = new AmlRulebook
        {
            CorridorVelocity = new VelocityRule(TimeSpan.FromMinutes(30), 2, new Dictionary<Currency, decimal>(), new AmlRuleSettings(Reject: true)),
        };
        AmlFlow[] otherDebtors = [Flow(10m, 0.1, debtor: "D7"), Flow(10m, 0.2, debtor: "D8")];
        AmlFlow[] otherCorridor = [Flow(10m, 0.1, corridor: AeIn), Flow(10m, 0.2, corridor: AeIn)];

        AmlAssessment hit = AmlRules.Assess(Tx(10m), otherDebtors, rulebook);
        AmlAssessment miss = AmlRules.Assess(Tx(10m), otherCorridor, rulebook);

        AmlAlert alert = Assert.Single(hit.Alerts);
        Assert.Equal((AmlRules.CorridorVelocityRule, true), (alert.RuleId, hit.Reject));
        Assert.Equal("Velocity of corridor IN->AE INR within 00:30:00: 3 payments (limit 2).", alert.Explanation);
        Assert.Empty(miss.Alerts);
    }

    [Fact]
    public void Assess_FlagsHighRiskCountries_NamingEveryPartyThatTouchesOne()
    {
        var rulebook = new AmlRulebook { HighRiskCountries = new HashSet<string> { "IR", "KP" } };
        AmlTransaction transaction = Tx(10m, creditorAgent: Tehran) with { DebtorCountry = "KP", CreditorCountry = "AE" };

        AmlAlert alert = Assert.Single(AmlRules.Assess(transaction, [], rulebook).Alerts);
        AmlAssessment clean = AmlRules.Assess(Tx(10m) with { DebtorCountry = "IN" }, [], rulebook);

        Assert.Equal((AmlRules.HighRiskCountryRule, AmlSeverity.High, false), (alert.RuleId, alert.Severity, alert.Reject));
        Assert.Equal("High-risk country: debtor KP, creditor agent IR.", alert.Explanation);
        Assert.Empty(clean.Alerts);
    }

    [Fact]
    public void Assess_SkipsADisabledRule()
    {
        var rulebook = new AmlRulebook { HighRiskCountries = new HashSet<string> { "IR" }, HighRiskCountry = new AmlRuleSettings(Enabled: false) };

        Assert.Empty(AmlRules.Assess(Tx(10m, creditorAgent: Tehran), [], rulebook).Alerts);
    }

    [Fact]
    public void Assessment_TakesTheFirstRejectingAlert_ForItsReason()
    {
        var assessment = new AmlAssessment("TX", [new("A", AmlSeverity.Low, "a", false, null), new("B", AmlSeverity.High, "b", true, "RR04")]);

        Assert.Equal((true, "RR04", "b"), (assessment.Reject, assessment.ReasonCode, assessment.Explanation));
    }

    public static TheoryData<AmlRulebook, string> BadRulebooks => new()
    {
        { Thresholds with { ReportingThresholds = new Dictionary<Currency, decimal> { [Currency.Inr] = 0m } }, "The reporting threshold in INR must be positive, not 0." },
        { StructuringBook with { Structuring = new StructuringRule(1, 0.1m, new()) }, "Structuring needs a count of at least 2." },
        { StructuringBook with { Structuring = new StructuringRule(3, 1m, new()) }, "The structuring band must lie in (0, 1), not 1." },
        { new AmlRulebook { Structuring = new StructuringRule(3, 0.1m, new()) }, "Structuring needs reporting thresholds to measure 'just below' against." },
        { new AmlRulebook { DebtorVelocity = new VelocityRule(TimeSpan.FromHours(1), null, new Dictionary<Currency, decimal>(), new()) }, "Debtor velocity: set a maximum count, a maximum amount, or both." },
        { new AmlRulebook { CorridorVelocity = new VelocityRule(TimeSpan.Zero, 5, new Dictionary<Currency, decimal>(), new()) }, "Corridor velocity: the window must be positive." },
        { new AmlRulebook { HighRiskCountries = new HashSet<string> { "XX" } }, "High-risk country 'XX' is not an ISO 3166 alpha-2 code." },
    };

    [Theory]
    [MemberData(nameof(BadRulebooks))]
    public void Validate_NamesTheProblem_ForABadRulebook(AmlRulebook rulebook, string problem)
    {
        Assert.Equal([problem], rulebook.Validate());
    }

    [Fact]
    public void Assess_NeverLosesAnAlert_WhenTheHistoryGrows()
    {
        AmlRulebook rulebook = StructuringBook with
        {
            DebtorVelocity = new VelocityRule(TimeSpan.FromHours(6), 4, new Dictionary<Currency, decimal> { [Currency.Inr] = 3_000_000m }, new()),
            CorridorVelocity = new VelocityRule(TimeSpan.FromHours(2), 5, new Dictionary<Currency, decimal>(), new()),
        };
        Gen<AmlFlow> flow = Gen.Select(Gen.Long[85_000_000, 105_000_000], Gen.Int[0, 30 * 60], Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 1_000_000])
            .Select((minor, minutesAgo, debtor, reverse, id) => Flow(minor / 100m, minutesAgo / 60.0, "D" + debtor, reverse ? AeIn : InAe, id: "F" + id));
        Gen.Select(flow.Array[0, 12], flow.Array[0, 12], Gen.Long[85_000_000, 105_000_000]).Sample((history, more, minor) =>
        {
            AmlTransaction transaction = Tx(minor / 100m);

            var before = AmlRules.Assess(transaction, history, rulebook).Alerts.Select(a => a.RuleId).ToHashSet();
            var after = AmlRules.Assess(transaction, [.. history, .. more], rulebook).Alerts.Select(a => a.RuleId).ToHashSet();

            Assert.Subset(after, before);
        }, iter: 300);
    }

    [Fact]
    public void FlowsNeededSince_IsTheLongestEnabledWindowAndTheMarginBeforeNow()
    {
        var rulebook = Thresholds with
        {
            Structuring = new StructuringRule(3, 0.1m, new AmlRuleSettings()),
            DebtorVelocity = new VelocityRule(TimeSpan.FromHours(1), 3, new Dictionary<Currency, decimal>(), new AmlRuleSettings()),
            CorridorVelocity = new VelocityRule(TimeSpan.FromHours(48), 3, new Dictionary<Currency, decimal>(), new AmlRuleSettings(Enabled: false)),
        };

        // Structuring's 24 h is the longest enabled window; the switched-off corridor rule reads nothing.
        Assert.Equal(Now.AddHours(-24 - 6), rulebook.FlowsNeededSince(Now, TimeSpan.FromHours(6)));
        Assert.Equal(Now.AddHours(-1), (rulebook with { Structuring = null }).FlowsNeededSince(Now, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => rulebook.FlowsNeededSince(Now, TimeSpan.FromSeconds(-1)));
    }
}
