using CsCheck;
using DelTran.Core.Aml;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Tests.Aml;

public sealed class AmlBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic NewYork = Bic.Parse("LBHBUS33XXX");

    private static readonly AmlRulebook Book = new()
    {
        ReportingThresholds = new Dictionary<Currency, decimal> { [Currency.Inr] = 1_000_000m, [Currency.Usd] = 10_000m },
        Threshold = new AmlRuleSettings(Enabled: false),
        Structuring = new StructuringRule(3, 0.10m, new AmlRuleSettings(Severity: AmlSeverity.High)),
        DebtorVelocity = new VelocityRule(TimeSpan.FromHours(24), 4, new Dictionary<Currency, decimal>(), new AmlRuleSettings()),
        CorridorVelocity = new VelocityRule(TimeSpan.FromHours(24), 6, new Dictionary<Currency, decimal> { [Currency.Inr] = 5_000_000m }, new AmlRuleSettings()),
    };

    private static AmlTransaction Tx(string id, decimal amount, string debtor = "D1", Bic? creditorAgent = null, Currency? currency = null) =>
        new(id, debtor, Mumbai, creditorAgent ?? Dubai, new Money(amount, currency ?? Currency.Inr), Now);

    [Fact]
    public void AssessBatch_CatchesStructuringSplitAcrossOneBatch()
    {
        AmlTransaction[] batch = [Tx("A", 950_000m), Tx("B", 960_000m), Tx("C", 970_000m)];

        IReadOnlyList<AmlAssessment> result = AmlRules.AssessBatch(batch, _ => AmlPriorActivity.None, Book);

        Assert.Empty(result[0].Alerts);
        Assert.Empty(result[1].Alerts);
        Assert.Equal(AmlRules.StructuringRule, Assert.Single(result[2].Alerts).RuleId);
    }

    [Fact]
    public void AssessBatch_AddsTheStoredActivityToTheBatchs()
    {
        // Two earlier payments just below the threshold were stored; the first of the batch makes three.
        var stored = new AmlPriorActivity(2, new AmlVolume(2, 1_900_000m), new AmlVolume(2, 1_900_000m));

        IReadOnlyList<AmlAssessment> result = AmlRules.AssessBatch([Tx("A", 990_000m)], _ => stored, Book);

        Assert.Equal(AmlRules.StructuringRule, Assert.Single(result[0].Alerts).RuleId);
    }

    [Fact]
    public void AssessBatch_DoesNotCountARejectedPayment_ForTheOnesAfterIt()
    {
        AmlRulebook rejecting = Book with { Structuring = new StructuringRule(2, 0.10m, new AmlRuleSettings(Reject: true)) };
        AmlTransaction[] batch = [Tx("A", 950_000m), Tx("B", 960_000m), Tx("C", 970_000m)];

        IReadOnlyList<AmlAssessment> result = AmlRules.AssessBatch(batch, _ => AmlPriorActivity.None, rejecting);

        // B makes two and is refused; C then sees only A before it, so it makes two as well.
        Assert.False(result[0].Reject);
        Assert.True(result[1].Reject);
        Assert.True(result[2].Reject);
        Assert.Contains("made 2 payments", result[2].Alerts[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AssessBatch_CountsACorridorAcrossDebtors_AndADebtorAcrossCorridors()
    {
        AmlTransaction[] batch =
        [
            .. Enumerable.Range(0, 5).Select(i => Tx("D" + i, 10m, debtor: "OTHER" + i)),
            Tx("X1", 10m, creditorAgent: NewYork),
            Tx("X2", 10m, creditorAgent: NewYork),
            Tx("X3", 10m, creditorAgent: NewYork, debtor: "OTHER0"),
            Tx("X4", 10m),
            Tx("X5", 10m, debtor: "OTHER0"),
        ];

        IReadOnlyList<AmlAssessment> result = AmlRules.AssessBatch(batch, _ => AmlPriorActivity.None, Book);

        // IN->AE INR carries D0..D4 and X4, X5: X5 is its seventh payment (limit 6).
        Assert.Equal([AmlRules.CorridorVelocityRule], result[9].Alerts.Select(a => a.RuleId));
        Assert.Empty(result[8].Alerts);
        // OTHER0 pays D0, X3, X5: three payments, under its limit of four.
        Assert.DoesNotContain(result[9].Alerts, a => a.RuleId == AmlRules.DebtorVelocityRule);
    }

    [Fact]
    public void AssessBatch_AgreesWithAssessingEachPaymentOverTheWholeHistory()
    {
        // However payments fall between what was stored and the batch, the batch gives what one history of flows gives.
        Gen<AmlTransaction> payment = Gen.Select(
            Gen.Int[0, 3], Gen.Int[0, 2], Gen.Decimal[800_000m, 1_100_000m], Gen.Bool,
            (debtor, creditor, amount, usd) => Tx(string.Empty, usd ? Math.Round(amount / 100m, 2) : Math.Round(amount, 2), "D" + debtor, new[] { Dubai, NewYork, Mumbai }[creditor], usd ? Currency.Usd : Currency.Inr));
        Gen.Select(payment.Array[0, 12], payment.Array[1, 12]).Sample((before, batch) =>
        {
            AmlTransaction[] stored = [.. before.Select((t, i) => t with { TransactionId = "S" + i })];
            AmlTransaction[] current = [.. batch.Select((t, i) => t with { TransactionId = "B" + i })];
            List<AmlFlow> flows = [.. stored.Select(AmlFlow.From)];

            IReadOnlyList<AmlAssessment> together = AmlRules.AssessBatch(current, t => AmlPriorActivity.From(t, flows, Book), Book);

            var history = new List<AmlFlow>(flows);
            for (int i = 0; i < current.Length; i++)
            {
                AmlAssessment alone = AmlRules.Assess(current[i], history, Book);
                Assert.Equal(alone.Alerts.Select(a => a.Explanation), together[i].Alerts.Select(a => a.Explanation));
                history.Add(AmlFlow.From(current[i]));
            }
        });
    }
}
