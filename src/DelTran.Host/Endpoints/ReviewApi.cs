using DelTran.Core.Pipeline;
using DelTran.Host.Compliance;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Endpoints;

/// <summary>The compliance review queue for operators: HELD transactions, released or rejected with a comment.</summary>
public static class ReviewApi
{
    public sealed record ReviewRequest(string? Comment);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/review").WithTags("Review").RequireOperator();
        api.MapGet("/", ListAsync).WithSummary("HELD transactions awaiting a compliance decision, oldest first, with the possible match.");
        api.MapGet("/{id:guid}/decisions", DecisionsAsync).WithSummary("The decisions taken on a transaction: who, when, why.");
        api.MapPost("/{id:guid}/release", (Guid id, ReviewRequest body, HttpContext http, ReviewService review, CancellationToken ct) => DecideAsync(id, ReviewDecision.Release, body, http, review, ct))
            .WithSummary("Releases a HELD transaction: it continues to risk and liquidity.");
        api.MapPost("/{id:guid}/reject", (Guid id, ReviewRequest body, HttpContext http, ReviewService review, CancellationToken ct) => DecideAsync(id, ReviewDecision.Reject, body, http, review, ct))
            .WithSummary("Rejects a HELD transaction with RR04.");
    }

    private static async Task<IResult> ListAsync(Func<DelTranDbContext> databases, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        string held = TransactionState.Held;
        var rows = await db.Transactions.AsNoTracking().Where(t => t.State == held)
            .Join(db.Messages.AsNoTracking(), t => t.MessageId, m => m.Id, (t, m) => new { t, m.SenderBic, m.MsgId })
            .Take(Math.Clamp(limit ?? 100, 1, 1000))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.t.UpdatedAt).Select(r => new
        {
            transactionId = r.t.Id,
            messageId = r.t.MessageId,
            sender = r.SenderBic,
            msgId = r.MsgId,
            endToEndId = r.t.EndToEndId,
            uetr = r.t.Uetr,
            amount = r.t.Amount,
            currency = r.t.Currency,
            debtorAgent = r.t.DebtorAgent,
            creditorAgent = r.t.CreditorAgent,
            debtorName = r.t.DebtorName,
            creditorName = r.t.CreditorName,
            match = r.t.ReasonText,
            heldAt = r.t.UpdatedAt,
        }));
    }

    private static async Task<IResult> DecisionsAsync(Guid id, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.TransactionId == id).OrderBy(d => d.Id)
            .Select(d => new { d.Decision, d.Operator, d.Comment, d.DecidedAt }).ToListAsync(cancellationToken);
        return TypedResults.Ok(decisions);
    }

    private static async Task<IResult> DecideAsync(Guid id, ReviewDecision decision, ReviewRequest body, HttpContext http, ReviewService review, CancellationToken cancellationToken)
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
            ReviewOutcome.Decided => TypedResults.Ok(new { transactionId = id, decision = decision == ReviewDecision.Release ? ReviewService.ReleaseCode : ReviewService.RejectCode, by = who }),
            ReviewOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No transaction {id}."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Transaction {id} is not HELD: it was decided already or never held."),
        };
    }
}
