using DelTran.Core.Compliance;
using DelTran.Core.Pipeline;
using DelTran.Core.Screening;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// Compliance: screens each VALIDATED transaction as its message gave it (every party's and agent's name, BIC and
/// countries). A strong match or a listed BIC rejects it (RR04); a possible match or an embargoed country HOLDs it for
/// an operator; a clean one goes through the AML rules and on to risk. Each screening is recorded with the list set
/// that screened it; the matched entry, list and score go into the transaction's reason; logs carry no names.
/// </summary>
public sealed class ScreeningConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, SanctionsProvider sanctions, ScreeningListSetRecorder listSets, IOptions<AmlOptions> aml, StageChecks checks)
    : StageConsumer<ScreenTransactions>(db, dialect, signal, clock)
{
    protected override string Stage => "compliance";

    protected override TransactionState FromState => TransactionState.Validated;

    protected override async Task DecideAsync(ScreenTransactions message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = message.Range is { } range
            ? await LoadRangeAsync(message.MessageId, range, TransactionState.Validated, cancellationToken)
            : await LoadAsync(message.TransactionIds, TransactionState.Validated, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        if (!checks.Enabled)
        {
            rows.ForEach(row => Move(row, TransactionState.Screened));
            Send(new CheckRisk(NewCommandId(), message.MessageId, [.. rows.Select(r => r.Id)]));
            return;
        }

        ScreeningSnapshot lists = sanctions.Snapshot;
        DateTimeOffset now = Clock.GetUtcNow();
        var screenings = new List<TransactionScreeningRow>(rows.Count);
        var clean = new List<(TransactionRow Row, ScreeningSubject Subject)>(rows.Count);
        foreach (TransactionRow row in rows)
        {
            ScreeningSubject subject = AmlStage.Subject(row);
            TransactionScreeningResult result = TransactionScreening.Screen(subject, lists.Memo);
            screenings.Add(ScreeningRow(row.Id, lists.Fingerprint, result, now));
            if (ComplianceRules.AfterScreening(result) is { } verdict)
            {
                Move(row, verdict);
            }
            else
            {
                clean.Add((row, subject));
            }
        }

        // Clean of sanctions: the AML rules next.
        AmlOutcome[] outcomes = [.. await AmlStage.AssessAsync(Db, Dialect, aml.Value.ToRulebook(), clean, now, cancellationToken)];
        ComplianceVerdict[] verdicts = [.. outcomes.Select(o => ComplianceRules.AfterAml(o.Assessment))];
        for (int i = 0; i < outcomes.Length; i++)
        {
            Move(outcomes[i].Row, verdicts[i]);
        }

        AmlFlowRow[] flows = [.. outcomes.Where((_, i) => verdicts[i].GoesOn).Select(o => o.Flow).OfType<AmlFlowRow>()];
        Guid[] passed = [.. outcomes.Where((_, i) => verdicts[i].GoesOn).Select(o => o.Row.Id)];
        await listSets.EnsureRecordedAsync(Db, Dialect, lists, now, cancellationToken);
        await Dialect.InsertScreeningsAsync(Db, screenings, [.. flows], [.. outcomes.SelectMany(o => o.Alerts)], cancellationToken);
        if (passed.Length > 0)
        {
            Send(new CheckRisk(NewCommandId(), message.MessageId, passed));
        }

        CheckCompletion(message.MessageId, rows.Count - passed.Length);
    }

    private void Move(TransactionRow row, ComplianceVerdict verdict) => Move(row, verdict.To, verdict.ReasonCode, verdict.ReasonText);

    private static TransactionScreeningRow ScreeningRow(Guid transactionId, string listSetId, TransactionScreeningResult result, DateTimeOffset at) => new()
    {
        TransactionId = transactionId,
        ListSetId = listSetId,
        Decision = result.DecisionCode,
        Score = result.TopScore,
        ScreenedAt = at,
    };
}
