using System.Globalization;
using DelTran.Core.Pipeline;
using DelTran.Core.Screening;
using DelTran.Core.Validation;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;

namespace DelTran.Host.Stages;

/// <summary>
/// Compliance: screens the parties' names of each VALIDATED transaction. A strong match rejects it (RR04),
/// a possible match HOLDs it for an operator, a clean one goes on to risk. The matched entry, list and
/// score are recorded on the transaction; logs carry no names.
/// </summary>
public sealed class ScreeningConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, SanctionsProvider sanctions)
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
        foreach (TransactionRow row in rows)
        {
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
                    Move(row, TransactionState.Screened);
                    passed.Add(row.Id);
                    break;
            }
        }

        if (passed.Count > 0)
        {
            Send(new CheckRisk(NewCommandId(), message.MessageId, [.. passed]));
        }

        CheckCompletion(message.MessageId, leaving);
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
