using DelTran.Core.Risk;
using DelTran.Host.Persistence;
using DelTran.Host.Risk;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Endpoints;

/// <summary>Operators' view of the circuit breakers: their states, their recorded transitions, and a manual reset.</summary>
public static class RiskApi
{
    public sealed record ResetRequest(string? Participant, string? Reason);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/risk").WithTags("Risk").RequireOperator();
        api.MapGet("/breakers", BreakersAsync).WithSummary("The circuit breakers of this instance with their states, and the latest recorded transitions.");
        api.MapGet("/aml-alerts", AmlAlertsAsync).WithSummary("The latest AML alerts: rule, severity, explanation, and whether the payment was rejected.");
        api.MapPost("/breakers/reset", ResetAsync).WithSummary("Closes a participant's breaker by hand, with a reason.");
    }

    private static async Task<IResult> BreakersAsync(BreakerService breakers, Func<DelTranDbContext> databases, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        var events = await db.BreakerEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(200)
            .Select(e => new { e.Subject, e.Transition, from = e.FromState, to = e.ToState, e.Cause, e.At, e.Explanation }).ToListAsync(cancellationToken);
        var states = breakers.Snapshot(clock.GetUtcNow()).Select(b => new { subject = b.Subject.ToString(), state = b.State.ToString(), suspension = b.SuspensionReason });
        return TypedResults.Ok(new { breakers = states, events });
    }

    private static async Task<IResult> AmlAlertsAsync(Func<DelTranDbContext> databases, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        return TypedResults.Ok(await db.AmlAlerts.AsNoTracking().OrderByDescending(a => a.Id).Take(Math.Clamp(limit ?? 200, 1, 1000))
            .Select(a => new { a.TransactionId, a.RuleId, a.Severity, a.Explanation, a.Rejected, a.At }).ToListAsync(cancellationToken));
    }

    private static async Task<IResult> ResetAsync(ResetRequest body, HttpContext http, BreakerService breakers, Func<DelTranDbContext> databases, TimeProvider clock, CancellationToken cancellationToken)
    {
        string? participant = body.Participant?.Trim().ToUpperInvariant();
        string? reason = body.Reason?.Trim();
        if (participant is not { Length: 8 } || string.IsNullOrEmpty(reason))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give the participant's BIC8 and a reason.");
        }

        string who = OperatorEndpoints.OperatorOf(http)!;
        await using DelTranDbContext db = databases();
        breakers.Record(db, breakers.Reset(BreakerSubject.ForParticipant(participant), $"{reason} (by {who})", clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { participant, state = "Closed", by = who });
    }
}
