using DelTran.Core.Iso20022;
using DelTran.Core.Risk;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>Operators' view of the circuit breakers: their states, their recorded transitions, and a manual reset.</summary>
public static class RiskApi
{
    public sealed record ResetRequest(string? Participant, string? Reason);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/risk").WithTags("Risk").RequireOperator();
        api.MapGet("/breakers", BreakersAsync).WithSummary("The circuit breakers of this instance with their states, and the latest recorded transitions.")
            .Produces<BreakersView>();
        api.MapGet("/aml-alerts", AmlAlertsAsync).WithSummary("The latest AML alerts: rule, severity, explanation, and whether the payment was rejected.")
            .Produces<List<AmlAlertView>>();
        api.MapPost("/breakers/reset", ResetAsync).WithSummary("Closes a participant's breaker by hand, with a reason.")
            .Produces<BreakerReset>();
    }

    private static async Task<IResult> BreakersAsync(BreakerService breakers, Func<DelTranDbContext> databases, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        List<BreakerEventView> events = [.. (await db.BreakerEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken))
            .Select(e => new BreakerEventView(e.Subject.ToString(), e.Transition.ToString(), e.FromState.ToString(), e.ToState.ToString(), e.Cause.ToString(), e.At, e.Explanation))];
        List<BreakerView> states = [.. breakers.Snapshot(clock.GetUtcNow()).Select(b => new BreakerView(b.Subject.ToString(), b.State.ToString(), b.SuspensionReason))];
        return TypedResults.Ok(new BreakersView(states, events));
    }

    private static async Task<IResult> AmlAlertsAsync(Func<DelTranDbContext> databases, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        return TypedResults.Ok(await db.AmlAlerts.AsNoTracking().OrderByDescending(a => a.Id).Take(Math.Clamp(limit ?? 200, 1, 1000))
            .Select(a => new AmlAlertView(a.TransactionId, a.RuleId, a.Severity, a.Explanation, a.Rejected, a.At)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Closes an open (or half-open) breaker of a registered participant, recorded in breaker_events with the reason and
    /// the operator and published to the other instances. 404 for a participant DelTran does not know (nothing is
    /// recorded for it), 409 when its breaker is closed already (and it is left as it is): an operator's reset is
    /// answered as done only when it changed something and was recorded.
    /// </summary>
    private static async Task<IResult> ResetAsync(ResetRequest body, HttpContext http, BreakerService breakers, Func<DelTranDbContext> databases, OutboxSignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        string? participant = Bic.Normalize(body.Participant?.Trim());
        string? reason = body.Reason?.Trim();
        if (participant is not { Length: 8 } || string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give the participant's BIC8 and a reason (1 to 1000 characters).");
        }

        string who = OperatorEndpoints.OperatorOf(http)!;
        await using DelTranDbContext db = databases();
        if (!await db.Participants.AsNoTracking().AnyAsync(p => p.Bic == participant, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No participant {participant}.");
        }

        IReadOnlyList<BreakerEvent> reset = breakers.ResetIfOpen(BreakerSubject.ForParticipant(participant), $"{reason} (by {who})", clock.GetUtcNow());
        if (reset.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The breaker of {participant} is closed: there is nothing to reset.");
        }

        breakers.Record(db, reset);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Ok(new BreakerReset(participant, reset[0].From.ToString(), reset[^1].To.ToString(), who, reason));
    }
}
