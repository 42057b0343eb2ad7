using DelTran.Core.Iso20022;
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
        int leaving = 0;
        foreach (TransactionRow row in rows)
        {
            ScreeningSubject subject = AmlStage.Subject(row);
            TransactionScreeningResult result = TransactionScreening.Screen(subject, lists.Memo);
            screenings.Add(new TransactionScreeningRow
            {
                TransactionId = row.Id,
                ListSetId = lists.Fingerprint,
                Decision = result.Decision.ToString().ToUpperInvariant(),
                Score = result.Parties.Count == 0 ? 0 : result.Parties.Max(p => p.Result.Score),
                ScreenedAt = now,
            });
            switch (result.Decision)
            {
                case ScreeningDecision.Hit:
                    Move(row, TransactionState.Rejected, ReasonCode.RR04, "Sanctions hit: " + TransactionScreening.Explain(result));
                    leaving++;
                    break;
                case ScreeningDecision.Possible:
                    Move(row, TransactionState.Held, null, "Possible sanctions match, held for review: " + TransactionScreening.Explain(result));
                    leaving++;
                    break;
                default:
                    clean.Add((row, subject));
                    break;
            }
        }

        // Clean of sanctions: the AML rules next. They raise alerts, and reject only where the rulebook says so.
        var passed = new List<Guid>(clean.Count);
        var flows = new List<AmlFlowRow>(clean.Count);
        var alerts = new List<AmlAlertRow>();
        foreach (AmlOutcome outcome in await AmlStage.AssessAsync(Db, Dialect, aml.Value.ToRulebook(), clean, now, cancellationToken))
        {
            alerts.AddRange(outcome.Alerts);
            if (outcome.Assessment is { Reject: true } rejected)
            {
                Move(outcome.Row, TransactionState.Rejected, rejected.ReasonCode, "AML: " + rejected.Explanation);
                leaving++;
                continue;
            }

            Move(outcome.Row, TransactionState.Screened);
            passed.Add(outcome.Row.Id);
            if (outcome.Flow is { } flow)
            {
                flows.Add(flow);
            }
        }

        await listSets.EnsureRecordedAsync(Db, Dialect, lists, now, cancellationToken);
        await Dialect.InsertScreeningsAsync(Db, screenings, flows, alerts, cancellationToken);
        if (passed.Count > 0)
        {
            Send(new CheckRisk(NewCommandId(), message.MessageId, [.. passed]));
        }

        CheckCompletion(message.MessageId, leaving);
    }
}
