using DelTran.Core.Aml;
using DelTran.Core.Iso20022;
using DelTran.Core.Screening;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Checks.Aml;

/// <summary>
/// The AML rules for transactions clean of sanctions, whether they screened clean or an operator released them: reads
/// the recorded flows the rules need and assesses the batch in order. The caller moves the transactions and stores the
/// returned alerts, and the flows of those that pass.
/// </summary>
public static class AmlStage
{
    public static async Task<IReadOnlyList<AmlOutcome>> AssessAsync(
        DelTranDbContext db, IDatabaseDialect dialect, AmlRulebook rulebook, IReadOnlyList<(TransactionRow Row, ScreeningSubject Subject)> clean, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assessed = clean.Select(c => (c.Row, Payment: Payment(c.Row, c.Subject, now))).ToList();
        List<AmlTransaction> payments = [.. assessed.Select(a => a.Payment)];
        Func<AmlTransaction, AmlPriorActivity> stored = await AmlHistory.LoadAsync(db, dialect, payments, rulebook, now, cancellationToken);
        IReadOnlyList<AmlAssessment> assessments = AmlRules.AssessBatch(payments, stored, rulebook);
        var outcomes = new List<AmlOutcome>(assessed.Count);
        int next = 0;
        foreach ((TransactionRow row, AmlTransaction payment) in assessed)
        {
            AmlAssessment assessment = assessments[next++];
            AmlAlertRow[] alerts = [.. assessment.Alerts.Select(alert => new AmlAlertRow
            {
                TransactionId = row.Id,
                RuleId = alert.RuleId,
                Severity = alert.Severity.ToString(),
                Explanation = alert.Explanation,
                Rejected = alert.Reject,
                At = now,
            })];

            AmlFlowRow? flow = assessment.Reject ? null : new AmlFlowRow
            {
                TransactionId = row.Id,
                DebtorKey = payment.DebtorId,
                Corridor = payment.Corridor,
                Currency = payment.Amount.Currency,
                Amount = payment.Amount.Amount,
                At = now,
            };
            outcomes.Add(new AmlOutcome(row, assessment, alerts, flow));
        }

        return outcomes;
    }

    /// <summary>The stored subject; a row from before subjects were kept is screened on its stored names and agents' BICs.</summary>
    public static ScreeningSubject Subject(TransactionRow row) =>
        ScreeningSubject.TryDecode(row.ScreeningSubject, out ScreeningSubject subject)
            ? subject
            : new ScreeningSubject(
                [
                    new ScreenedParty(ScreeningParty.Debtor, row.DebtorName, null, []),
                    new ScreenedParty(ScreeningParty.UltimateDebtor, row.UltimateDebtorName, null, []),
                    new ScreenedParty(ScreeningParty.Creditor, row.CreditorName, null, []),
                    new ScreenedParty(ScreeningParty.UltimateCreditor, row.UltimateCreditorName, null, []),
                    new ScreenedParty(ScreeningParty.DebtorAgent, null, row.DebtorAgent, []),
                    new ScreenedParty(ScreeningParty.CreditorAgent, null, row.CreditorAgent, []),
                ],
                null);

    private static AmlTransaction Payment(TransactionRow row, ScreeningSubject subject, DateTimeOffset now)
    {
        Bic debtorAgent = ValidatedPayment.DebtorAgent(row);
        return new AmlTransaction(
            row.Id.ToString("D"),
            subject.DebtorKey(debtorAgent),
            debtorAgent,
            ValidatedPayment.CreditorAgent(row),
            ValidatedPayment.Amount(row),
            now,
            subject.CountryOf(ScreeningParty.Debtor),
            subject.CountryOf(ScreeningParty.Creditor));
    }
}
