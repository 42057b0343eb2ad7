using DelTran.Core.Aml;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Screening;

namespace DelTran.Core.Compliance;

/// <summary>
/// The compliance stage's decisions, for the screening consumer and the review queue alike: a sanctions hit is rejected
/// RR04; a possible match (or an embargoed country) is held for an operator; a clean transaction meets the AML rules, which
/// reject only where the rulebook says so, and otherwise it is SCREENED and goes on to risk. An operator's release sends a
/// held transaction through the same AML rules; a rejection is RR04.
/// </summary>
public static class ComplianceRules
{
    public const string ReleaseCode = "RELEASE";
    public const string RejectCode = "REJECT";

    /// <summary>After the sanctions lists: the verdict for a hit or a possible match, or null for a clean transaction (the AML rules next).</summary>
    public static ComplianceVerdict? AfterScreening(TransactionScreeningResult result) => result.Decision switch
    {
        ScreeningDecision.Hit => new ComplianceVerdict(TransactionState.Rejected, ReasonCode.RR04, "Sanctions hit: " + TransactionScreening.Explain(result)),
        ScreeningDecision.Possible => new ComplianceVerdict(TransactionState.Held, null, "Possible sanctions match, held for review: " + TransactionScreening.Explain(result)),
        _ => null,
    };

    /// <summary>After the AML rules, for a transaction clean of sanctions (screened clean or released).</summary>
    public static ComplianceVerdict AfterAml(AmlAssessment assessment) =>
        assessment.Reject
            ? new ComplianceVerdict(TransactionState.Rejected, assessment.ReasonCode, "AML: " + assessment.Explanation)
            : new ComplianceVerdict(TransactionState.Screened, null, null);

    /// <summary>
    /// An operator's review of a held transaction. <paramref name="amlIfReleased"/> is the AML assessment of a release (the
    /// caller assesses only then); a released transaction that passes carries no reason any more, so a later stage's
    /// refusal never shows the sanctions match.
    /// </summary>
    public static ReviewVerdict Review(ReviewChoice choice, string operatorName, string comment, AmlAssessment? amlIfReleased)
    {
        string detail = $"{(choice == ReviewChoice.Release ? "released" : "rejected")} by {operatorName}: {comment}";
        string code = choice == ReviewChoice.Release ? ReleaseCode : RejectCode;
        if (choice == ReviewChoice.Reject)
        {
            return new ReviewVerdict(new ComplianceVerdict(TransactionState.Rejected, ReasonCode.RR04, "Sanctions review: " + detail), detail, code);
        }

        ArgumentNullException.ThrowIfNull(amlIfReleased);
        return new ReviewVerdict(AfterAml(amlIfReleased), detail, code);
    }
}
