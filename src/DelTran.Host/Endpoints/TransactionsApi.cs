using DelTran.Core.Screening;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Endpoints;

/// <summary>
/// One transaction's decision trail for operators and auditors: every state move with its stage and reason, the list
/// set that screened it, its AML alerts, the review decisions, the FX conversion and the obligation with its window.
/// Operators only: AML alerts must not reach the ordering bank (tipping-off rules), so participants see outcomes
/// through their messages instead.
/// </summary>
public static class TransactionsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/transactions").WithTags("Transactions").RequireOperator()
            .MapGet("/{id:guid}/trail", TrailAsync)
            .WithSummary("Why a transaction ended as it did: state history, screening with its list versions, AML alerts, review decisions, FX path and obligation. The id is DelTran's transaction id (transactionId in a message's outcomes) or the payment's UETR.");
    }

    private static async Task<IResult> TrailAsync(Guid id, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();

        // A UETR names the transaction that registered it (the first one DelTran took with that UETR).
        if (!await db.Transactions.AsNoTracking().AnyAsync(t => t.Id == id, cancellationToken)
            && await db.UetrRegistry.AsNoTracking().Where(u => u.Uetr == id).Select(u => (Guid?)u.TransactionId).SingleOrDefaultAsync(cancellationToken) is Guid byUetr)
        {
            id = byUetr;
        }

        var transaction = await db.Transactions.AsNoTracking().Where(t => t.Id == id)
            .Join(db.Messages.AsNoTracking(), t => t.MessageId, m => m.Id, (t, m) => new { t, m.SenderBic, m.MsgId, m.InboundFileId })
            .SingleOrDefaultAsync(cancellationToken);
        if (transaction is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No transaction {id}.", detail: "Neither a transaction id nor the UETR of a transaction DelTran took.");
        }

        TransactionRow t = transaction.t;
        var events = await db.TransactionEvents.AsNoTracking().Where(e => e.TransactionId == id).OrderBy(e => e.Id)
            .Select(e => new { at = e.At, stage = e.Stage, from = e.FromState, to = e.ToState, reasonCode = e.ReasonCode, detail = e.Detail })
            .ToListAsync(cancellationToken);
        TransactionScreeningRow? screening = await db.TransactionScreenings.AsNoTracking().SingleOrDefaultAsync(s => s.TransactionId == id, cancellationToken);
        ScreeningListSetRow? listSet = screening is null ? null
            : await db.ScreeningListSets.AsNoTracking().SingleOrDefaultAsync(l => l.Id == screening.ListSetId, cancellationToken);
        var alerts = await db.AmlAlerts.AsNoTracking().Where(a => a.TransactionId == id).OrderBy(a => a.Id)
            .Select(a => new { rule = a.RuleId, severity = a.Severity, explanation = a.Explanation, rejected = a.Rejected, at = a.At })
            .ToListAsync(cancellationToken);
        var reviews = await db.ReviewDecisions.AsNoTracking().Where(d => d.TransactionId == id).OrderBy(d => d.Id)
            .Select(d => new { decision = d.Decision, by = d.Operator, comment = d.Comment, at = d.DecidedAt })
            .ToListAsync(cancellationToken);
        TransactionFxRow? fx = await db.TransactionFx.AsNoTracking().SingleOrDefaultAsync(f => f.TransactionId == id, cancellationToken);
        ObligationRow? obligation = await db.Obligations.AsNoTracking().SingleOrDefaultAsync(o => o.TransactionId == id, cancellationToken);

        return TypedResults.Ok(new
        {
            transactionId = t.Id,
            messageId = t.MessageId,
            inboundFileId = transaction.InboundFileId,
            sender = transaction.SenderBic,
            msgId = transaction.MsgId,
            index = t.Index,
            endToEndId = t.EndToEndId,
            uetr = t.Uetr,
            amount = t.Amount,
            currency = t.Currency,
            debtorAgent = t.DebtorAgent,
            creditorAgent = t.CreditorAgent,
            state = t.State,
            reasonCode = t.ReasonCode,
            reasonText = t.ReasonText,
            events,
            screening = screening is null ? null : new
            {
                decision = screening.Decision,
                score = screening.Score,
                screenedAt = screening.ScreenedAt,
                listSet = screening.ListSetId,
                listVersions = listSet is null ? null : SanctionsListSet.ReadDescription(listSet.Versions).Select(v => new
                {
                    source = v.Source,
                    list = v.ListId,
                    published = v.PublicationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    sha256 = v.Sha256,
                }),
            },
            amlAlerts = alerts,
            reviews,
            fx = fx is null ? null : new
            {
                path = fx.Path,
                direct = fx.Direct,
                steps = fx.Steps,
                rateTableVersion = fx.RateTableVersion,
                pricedAt = fx.PricedAt,
                sourceAmount = fx.SourceAmount,
                sourceCurrency = fx.SourceCurrency,
                resultAmount = fx.ResultAmount,
                resultCurrency = fx.ResultCurrency,
                effectiveRate = fx.EffectiveRate,
            },
            obligation = obligation is null ? null : new
            {
                debtor = obligation.DebtorBic,
                creditor = obligation.CreditorBic,
                amount = obligation.Amount,
                currency = obligation.Currency,
                acceptedAt = obligation.AcceptedAt,
                window = obligation.WindowId,
                carriedFrom = obligation.CarriedFrom,
            },
        });
    }
}
