using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DelTran.Core.Aml;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Screening;
using DelTran.Core.Validation;
using DelTran.Host.Configuration;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Stages;

/// <summary>
/// Compliance: screens the parties' names of each VALIDATED transaction. A strong match rejects it (RR04),
/// a possible match HOLDs it for an operator, a clean one goes on to risk. The matched entry, list and
/// score are recorded on the transaction; logs carry no names.
/// </summary>
public sealed class ScreeningConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, SanctionsProvider sanctions, IOptions<AmlOptions> aml)
    : StageConsumer<ScreenTransactions>(db, dialect, signal, clock)
{
    protected override string Stage => "compliance";

    protected override string FromState => TransactionState.Validated;

    protected override async Task DecideAsync(ScreenTransactions message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadAsync(message.TransactionIds, TransactionState.Validated, cancellationToken);
        SanctionsIndex index = sanctions.Index;
        ScreeningOptions options = sanctions.Options;
        var passed = new List<Guid>(rows.Count);
        int leaving = 0;
        AmlRulebook rulebook = aml.Value.ToRulebook();
        foreach (TransactionRow row in rows)
        {
            // An agent whose BIC a list names (OFAC's "SWIFT/BIC ..." identifiers) is a hit, whatever the names say.
            string? listedAgent = TransactionScreening.ListedAgent(index, row.DebtorAgent, row.CreditorAgent);
            if (listedAgent is not null)
            {
                Move(row, TransactionState.Rejected, ReasonCode.RR04, "Sanctions hit: " + listedAgent);
                leaving++;
                continue;
            }

            TransactionScreeningResult result = TransactionScreening.ScreenParties(
                [
                    (ScreeningParty.Debtor, row.DebtorName),
                    (ScreeningParty.UltimateDebtor, row.UltimateDebtorName),
                    (ScreeningParty.Creditor, row.CreditorName),
                    (ScreeningParty.UltimateCreditor, row.UltimateCreditorName),
                ],
                index,
                options);
            switch (result.Decision)
            {
                case ScreeningDecision.Hit:
                    Move(row, TransactionState.Rejected, ReasonCode.RR04, "Sanctions hit: " + Describe(result));
                    leaving++;
                    break;
                case ScreeningDecision.Possible:
                    Move(row, TransactionState.Held, null, "Possible sanctions match, held for review: " + Describe(result));
                    leaving++;
                    break;
                default:
                    // Clean of sanctions: the AML rules next. They raise alerts, and reject only where the rulebook says so.
                    AmlAssessment assessment = Assess(row, rulebook);
                    if (assessment.Reject)
                    {
                        Move(row, TransactionState.Rejected, assessment.ReasonCode, "AML: " + assessment.Explanation);
                        leaving++;
                    }
                    else
                    {
                        Move(row, TransactionState.Screened);
                        passed.Add(row.Id);
                    }

                    break;
            }
        }

        if (passed.Count > 0)
        {
            Send(new CheckRisk(NewCommandId(), message.MessageId, [.. passed]));
        }

        CheckCompletion(message.MessageId, leaving);
    }

    private AmlAssessment Assess(TransactionRow row, AmlRulebook rulebook)
    {
        if (!Bic.TryParse(row.DebtorAgent, out Bic debtorAgent) || !Bic.TryParse(row.CreditorAgent, out Bic creditorAgent)
            || row.Amount is not decimal amount || !Currency.TryParse(row.Currency, out Currency currency))
        {
            return new AmlAssessment(row.Id.ToString("D"), []);
        }

        DateTimeOffset now = Clock.GetUtcNow();
        // The customer as a stable key, never a name: a hash of the debtor agent and the debtor's name.
        string debtorId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(debtorAgent.Institution + "|" + (row.DebtorName ?? string.Empty).ToUpperInvariant())))[..16];
        AmlAssessment assessment = AmlRules.Assess(new AmlTransaction(row.Id.ToString("D"), debtorId, debtorAgent, creditorAgent, new Money(amount, currency), now), [], rulebook);
        foreach (AmlAlert alert in assessment.Alerts)
        {
            Db.AmlAlerts.Add(new AmlAlertRow
            {
                TransactionId = row.Id,
                RuleId = alert.RuleId,
                Severity = alert.Severity.ToString(),
                Explanation = alert.Explanation,
                Rejected = alert.Reject,
                At = now,
            });
        }

        return assessment;
    }

    private static string Describe(TransactionScreeningResult result)
    {
        PartyScreeningResult worst = result.Parties.MaxBy(p => p.Result.Score)!;
        ScreeningMatch? match = worst.Result.Matches.Count > 0 ? worst.Result.Matches[0] : null;
        return match is null
            ? $"{worst.Party} '{worst.Name}'"
            : string.Create(CultureInfo.InvariantCulture, $"{worst.Party} '{worst.Name}' matches {match.List} {match.EntryId} '{match.MatchedName}' (score {match.Score:F3})");
    }
}
