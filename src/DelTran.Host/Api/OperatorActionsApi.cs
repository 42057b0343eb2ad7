using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>GET /api/v1/operator-actions: the operators' audit log, newest first.</summary>
public static class OperatorActionsApi
{
    public sealed record OperatorAction(long Id, DateTimeOffset At, string Operator, string Action, string Subject, string? Reason, string Outcome);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/operator-actions").WithTags("Operators").RequireOperator()
            .MapGet("/", ListAsync)
            .WithSummary("The operators' audit log, newest first: each action as asked (who, what, of what, why) and as answered; filter by from and to.")
            .Produces<IReadOnlyList<OperatorAction>>();

    private static async Task<IResult> ListAsync(Func<DelTranDbContext> databases, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        int take = Math.Clamp(limit ?? 200, 1, 5000);

        // Newest first, by entry (the order they were written); times are filtered as read, which every store supports.
        var actions = new List<OperatorAction>(Math.Min(take, 256));
        await foreach (OperatorActionRow a in db.OperatorActions.AsNoTracking().OrderByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (from is { } since && a.At < since)
            {
                break;
            }

            if (to is { } until && a.At >= until)
            {
                continue;
            }

            actions.Add(new OperatorAction(a.Id, a.At, a.Operator, a.Action, a.Subject, a.Reason, a.Outcome));
            if (actions.Count == take)
            {
                break;
            }
        }

        return TypedResults.Ok(actions);
    }
}
