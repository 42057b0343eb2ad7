using DelTran.Core.Aml;
using DelTran.Core.Compliance;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Compliance;

public sealed class ComplianceRulesTests
{
    private static TransactionScreeningResult Screened(ScreeningDecision decision, double score) =>
        new(decision, decision == ScreeningDecision.Clear ? [] : [new PartyScreeningResult(ScreeningParty.Debtor, "Ivan Example", new NameScreeningResult(decision, score, []))]);

    private static AmlAssessment Assessment(params AmlAlert[] alerts) => new("tx-1", alerts);

    [Fact]
    public void AfterScreening_RejectsRr04_WhenTheResultIsAHit()
    {
        ComplianceVerdict? verdict = ComplianceRules.AfterScreening(Screened(ScreeningDecision.Hit, 0.97));

        Assert.NotNull(verdict);
        Assert.Equal((TransactionState.Rejected, ReasonCode.RR04), (verdict.To, verdict.ReasonCode));
        Assert.StartsWith("Sanctions hit: ", verdict.ReasonText, StringComparison.Ordinal);
        Assert.False(verdict.GoesOn);
    }

    [Fact]
    public void AfterScreening_HoldsWithoutAReasonCode_WhenTheResultIsAPossibleMatch()
    {
        ComplianceVerdict? verdict = ComplianceRules.AfterScreening(Screened(ScreeningDecision.Possible, 0.88));

        Assert.NotNull(verdict);
        Assert.Equal((TransactionState.Held, (string?)null), (verdict.To, verdict.ReasonCode));
        Assert.StartsWith("Possible sanctions match, held for review: ", verdict.ReasonText, StringComparison.Ordinal);
        Assert.False(verdict.GoesOn);
    }

    [Fact]
    public void AfterScreening_LeavesTheDecisionToTheAmlRules_WhenTheResultIsClear()
    {
        Assert.Null(ComplianceRules.AfterScreening(Screened(ScreeningDecision.Clear, 0)));
    }

    [Fact]
    public void AfterAml_MovesToScreened_WhenNoAlertRejects()
    {
        ComplianceVerdict verdict = ComplianceRules.AfterAml(Assessment(new AmlAlert("VELOCITY", AmlSeverity.Medium, "Many payments.", Reject: false, null)));

        Assert.Equal(new ComplianceVerdict(TransactionState.Screened, null, null), verdict);
        Assert.True(verdict.GoesOn);
    }

    [Fact]
    public void AfterAml_RejectsWithTheRejectingAlertsCode_WhenAnAlertRejects()
    {
        ComplianceVerdict verdict = ComplianceRules.AfterAml(Assessment(
            new AmlAlert("VELOCITY", AmlSeverity.Medium, "Many payments.", Reject: false, null),
            new AmlAlert("STRUCTURING", AmlSeverity.High, "Split below the threshold.", Reject: true, "AG03")));

        Assert.Equal(new ComplianceVerdict(TransactionState.Rejected, "AG03", "AML: Split below the threshold."), verdict);
    }

    [Fact]
    public void Review_RejectsRr04WithTheOperatorAndComment_WhenTheOperatorRejects()
    {
        ReviewVerdict verdict = ComplianceRules.Review(ReviewChoice.Reject, "ops", "Same person.", amlIfReleased: null);

        Assert.Equal(new ComplianceVerdict(TransactionState.Rejected, ReasonCode.RR04, "Sanctions review: rejected by ops: Same person."), verdict.Move);
        Assert.Equal(("rejected by ops: Same person.", ComplianceRules.RejectCode), (verdict.EventDetail, verdict.DecisionCode));
    }

    [Fact]
    public void Review_ClearsTheHoldsReason_WhenTheReleasedTransactionPassesTheAmlRules()
    {
        ReviewVerdict verdict = ComplianceRules.Review(ReviewChoice.Release, "ops", "Different person.", Assessment());

        Assert.Equal(new ComplianceVerdict(TransactionState.Screened, null, null), verdict.Move);
        Assert.Equal(("released by ops: Different person.", ComplianceRules.ReleaseCode), (verdict.EventDetail, verdict.DecisionCode));
    }

    [Fact]
    public void Review_RejectsForAml_WhenTheReleasedTransactionFailsTheAmlRules()
    {
        ReviewVerdict verdict = ComplianceRules.Review(ReviewChoice.Release, "ops", "Different person.", Assessment(new AmlAlert("STRUCTURING", AmlSeverity.High, "Split.", Reject: true, "AG03")));

        Assert.Equal(new ComplianceVerdict(TransactionState.Rejected, "AG03", "AML: Split."), verdict.Move);
        Assert.Equal(ComplianceRules.ReleaseCode, verdict.DecisionCode);
    }

    [Fact]
    public void Review_RefusesARelease_WhenNoAmlAssessmentIsGiven()
    {
        Assert.Throws<ArgumentNullException>(() => ComplianceRules.Review(ReviewChoice.Release, "ops", "x", amlIfReleased: null));
    }

    [Theory]
    [InlineData(ScreeningDecision.Clear, "CLEAR")]
    [InlineData(ScreeningDecision.Possible, "POSSIBLE")]
    [InlineData(ScreeningDecision.Hit, "HIT")]
    public void ScreeningResult_StoresItsDecisionCode_WhenRecorded(ScreeningDecision decision, string code)
    {
        TransactionScreeningResult result = Screened(decision, 0.9);

        Assert.Equal(code, result.DecisionCode);
        Assert.Equal(decision == ScreeningDecision.Clear ? 0 : 0.9, result.TopScore);
    }
}
