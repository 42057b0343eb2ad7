using DelTran.Core.Compliance;
using DelTran.Core.Pipeline;
using DelTran.Host.Checks.Review;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>The compliance review queue for operators: HELD transactions, released or rejected with a comment.</summary>
public static class ReviewApi
{
    public sealed record ReviewRequest(string? Comment);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/review").WithTags("Review").RequireOperator();
        api.MapGet("/", ListAsync).WithSummary("HELD transactions awaiting a compliance decision, oldest first, with the possible match.")
            .Produces<List<HeldTransaction>>();
        api.MapGet("/{id:guid}/decisions", DecisionsAsync).WithSummary("The decisions taken on a transaction: who, when, why.")
            .Produces<List<ReviewDecisionView>>();
        api.MapPost("/{id:guid}/release", (Guid id, ReviewRequest body, HttpContext http, ReviewService review, CancellationToken ct) => DecideAsync(id, ReviewChoice.Release, body, http, review, ct))
            .WithSummary("Releases a HELD transaction: it continues to risk and liquidity.")
            .Produces<ReviewDecided>();
        api.MapPost("/{id:guid}/reject", (Guid id, ReviewRequest body, HttpContext http, ReviewService review, CancellationToken ct) => DecideAsync(id, ReviewChoice.Reject, body, http, review, ct))
            .WithSummary("Rejects a HELD transaction with RR04.")
            .Produces<ReviewDecided>();
    }

    private static async Task<IResult> ListAsync(Func<DelTranDbContext> databases, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        const TransactionState held = TransactionState.Held;
        var rows = await db.Transactions.AsNoTracking().Where(t => t.State == held)
            .Join(db.Messages.AsNoTracking(), t => t.MessageId, m => m.Id, (t, m) => new { t, m.SenderBic, m.MsgId })
            .Take(Math.Clamp(limit ?? 100, 1, 1000))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.t.UpdatedAt).Select(r => new HeldTransaction(
            r.t.Id,
            r.t.MessageId,
            r.SenderBic,
            r.MsgId,
            r.t.EndToEndId,
            r.t.Uetr?.Value,
            r.t.Amount,
            r.t.Currency,
            r.t.DebtorAgent,
            r.t.CreditorAgent,
            r.t.DebtorName,
            r.t.CreditorName,
            r.t.ReasonText,
            r.t.UpdatedAt)).ToList());
    }

    private static async Task<IResult> DecisionsAsync(Guid id, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.TransactionId == id).OrderBy(d => d.Id)
            .Select(d => new ReviewDecisionView(d.Decision, d.Operator, d.Comment, d.DecidedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(decisions);
    }

    private static async Task<IResult> DecideAsync(Guid id, ReviewChoice decision, ReviewRequest body, HttpContext http, ReviewService review, CancellationToken cancellationToken)
    {
        string? comment = body.Comment?.Trim();
        if (string.IsNullOrEmpty(comment) || comment.Length > 1000)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A comment (1 to 1000 characters) saying why is required.");
        }

        string who = OperatorEndpoints.OperatorOf(http)!;
        ReviewOutcome outcome = await review.DecideAsync(id, decision, who, comment, cancellationToken);
        return outcome switch
        {
            ReviewOutcome.Decided => TypedResults.Ok(new ReviewDecided(id, decision == ReviewChoice.Release ? ComplianceRules.ReleaseCode : ComplianceRules.RejectCode, who)),
            ReviewOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No transaction {id}."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Transaction {id} is not HELD: it was decided already or never held."),
        };
    }
}
