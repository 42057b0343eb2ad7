using DelTran.Core.Pipeline;
using DelTran.Core.Screening;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

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
            .WithSummary("Why a transaction ended as it did: state history, screening with its list versions, AML alerts, review decisions, FX path and obligation. The id is DelTran's transaction id (transactionId in a message's outcomes) or the payment's UETR.")
            .Produces<TransactionTrail>().ProducesProblem(StatusCodes.Status404NotFound);
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
            .Select(e => new TrailEvent(e.At, e.Stage, e.FromState == null ? null : TransactionStates.Code(e.FromState.Value), TransactionStates.Code(e.ToState), e.ReasonCode, e.Detail))
            .ToListAsync(cancellationToken);
        var alerts = await db.AmlAlerts.AsNoTracking().Where(a => a.TransactionId == id).OrderBy(a => a.Id)
            .Select(a => new TrailAmlAlert(a.RuleId, a.Severity, a.Explanation, a.Rejected, a.At))
            .ToListAsync(cancellationToken);
        var reviews = await db.ReviewDecisions.AsNoTracking().Where(d => d.TransactionId == id).OrderBy(d => d.Id)
            .Select(d => new TrailReview(d.Decision, d.Operator, d.Comment, d.DecidedAt))
            .ToListAsync(cancellationToken);
        TrailFx? fx = await db.TransactionFx.AsNoTracking().Where(f => f.TransactionId == id)
            .Select(f => new TrailFx(f.Path, f.Direct, f.Steps, f.RateTableVersion, f.PricedAt, f.SourceAmount, f.SourceCurrency.Code, f.ResultAmount, f.ResultCurrency.Code, f.EffectiveRate))
            .SingleOrDefaultAsync(cancellationToken);
        TrailObligation? obligation = await db.Obligations.AsNoTracking().Where(o => o.TransactionId == id)
            .Select(o => new TrailObligation(o.DebtorBic.Value, o.CreditorBic.Value, o.Amount, o.Currency.Code, o.AcceptedAt, o.WindowId, o.CarriedFrom, o.TokenPaymentId == null ? "WINDOW" : "TOKENS", o.TokenPaymentId, o.NotInstant))
            .SingleOrDefaultAsync(cancellationToken);

        return TypedResults.Ok(new TransactionTrail(
            t.Id,
            t.MessageId,
            transaction.InboundFileId,
            transaction.SenderBic,
            transaction.MsgId,
            t.Index,
            t.EndToEndId,
            t.Uetr?.Value,
            t.Amount,
            t.Currency,
            t.DebtorAgent,
            t.CreditorAgent,
            TransactionStates.Code(t.State),
            t.ReasonCode,
            t.ReasonText,
            events,
            await ScreeningAsync(db, id, cancellationToken),
            alerts,
            reviews,
            fx,
            obligation));
    }

    // The screening and the versions of the lists that screened it.
    private static async Task<TrailScreening?> ScreeningAsync(DelTranDbContext db, Guid id, CancellationToken cancellationToken)
    {
        TransactionScreeningRow? screening = await db.TransactionScreenings.AsNoTracking().SingleOrDefaultAsync(s => s.TransactionId == id, cancellationToken);
        if (screening is null)
        {
            return null;
        }

        ScreeningListSetRow? listSet = await db.ScreeningListSets.AsNoTracking().SingleOrDefaultAsync(l => l.Id == screening.ListSetId, cancellationToken);
        return new TrailScreening(
            screening.Decision,
            screening.Score,
            screening.ScreenedAt,
            screening.ListSetId,
            listSet is null ? null : [.. SanctionsListSet.ReadDescription(listSet.Versions).Select(v => new TrailListVersion(
                v.Source,
                v.ListId,
                v.PublicationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                v.Sha256))]);
    }
}
