using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Host.Clearing.Forecasts;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>
/// Participants' balances (nostro/vostro settlement accounts and the running window position), for the participant
/// itself or an operator; suspension and resumption by hand, for operators, with a reason.
/// </summary>
public static class ParticipantsApi
{
    public sealed record ReasonRequest(string? Reason);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/participants").WithTags("Participants");
        api.MapGet("/{bic}/balances", BalancesAsync).Admits(EndpointAccess.ParticipantsAndOperators).WithSummary("Settlement account per currency: balance, reserved, credit line, available, and the net position in the open window.")
            .Produces<ParticipantBalances>();
        app.MapGet("/api/v1/liquidity/forecast", ForecastAsync).WithTags("Participants").RequireOperator()
            .WithSummary("Each participant's expected net position at the next cut-off of a currency, with an alert when it would exceed its available funds (operators).")
            .Produces<List<LiquidityForecastView>>();
        api.MapGet("/{bic}/events", EventsAsync).RequireOperator().WithSummary("Suspensions and resumptions of a participant (operators).")
            .Produces<List<ParticipantEventView>>();
        api.MapPost("/{bic}/suspend", (string bic, ReasonRequest body, HttpContext http, Func<DelTranDbContext> databases, TimeProvider clock, ApiKeyAuthentication keys, CancellationToken ct) => SetSuspendedAsync(bic, true, body, http, databases, clock, keys, ct)).RequireOperator()
            .WithSummary("Suspends a participant: its messages are refused and its transactions rejected until resumed (operators).")
            .Produces<ParticipantSuspension>();
        api.MapPost("/{bic}/resume", (string bic, ReasonRequest body, HttpContext http, Func<DelTranDbContext> databases, TimeProvider clock, ApiKeyAuthentication keys, CancellationToken ct) => SetSuspendedAsync(bic, false, body, http, databases, clock, keys, ct)).RequireOperator()
            .WithSummary("Resumes a suspended participant (operators).")
            .Produces<ParticipantSuspension>();
    }

    private static async Task<IResult> BalancesAsync(string bic, HttpContext http, ApiKeyAuthentication participants, OperatorAuthentication operators, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        string code = Bic.Normalize(bic);
        bool isOperator = operators.Authenticate(http.Request) is not null;
        string? caller = isOperator ? null : await participants.AuthenticateAsync(http.Request, cancellationToken);
        if (!isOperator && caller is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An X-Api-Key is required.");
        }

        await using DelTranDbContext db = databases();
        // Another participant's balances are not found, never shown: the same answer as for an unknown one.
        ParticipantRow? participant = isOperator || caller == code ? await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Bic == code, cancellationToken) : null;
        if (participant is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No participant {bic}.");
        }

        List<SettlementAccountRow> accounts = await db.SettlementAccounts.AsNoTracking().Where(a => a.ParticipantBic == code).ToListAsync(cancellationToken);
        Dictionary<Currency, decimal> positions = await db.Positions.AsNoTracking().Where(p => p.ParticipantBic == code).ToDictionaryAsync(p => p.Currency, p => p.NetPosition, cancellationToken);
        Dictionary<Currency, decimal> caps = await db.RiskLimits.AsNoTracking().Where(l => l.ParticipantBic == code).ToDictionaryAsync(l => l.Currency, l => l.NetDebitCap, cancellationToken);
        return TypedResults.Ok(new ParticipantBalances(
            participant.Bic,
            participant.Name,
            participant.Suspended,
            [.. accounts.OrderBy(a => a.Currency.Code, StringComparer.Ordinal).Select(a => new AccountBalance(
                a.Currency.Code,
                a.OpeningBalance,
                a.Balance,
                a.Reserved,
                a.CreditLine,
                new AvailableFunds(a.Balance, a.CreditLine, a.Reserved).Available,
                positions.GetValueOrDefault(a.Currency),
                caps.GetValueOrDefault(a.Currency),
                a.Currency.MinorUnits))]));
    }

    private static async Task<IResult> ForecastAsync(string? currency, LiquidityForecasts forecasts, CancellationToken cancellationToken)
    {
        string code = (currency ?? string.Empty).ToUpperInvariant();
        if (!Currency.TryParse(code, out _))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give the currency: ?currency=INR.");
        }

        var result = await forecasts.ForecastAsync(code, cancellationToken);
        return TypedResults.Ok(result.Select(f => new LiquidityForecastView(
            f.Key.Participant,
            f.Key.Currency.Code,
            f.CutOff,
            f.OpenPosition,
            f.HourlyNetFlow,
            f.ProjectedPosition,
            f.Available,
            f.Shortfall,
            f.Alert,
            f.BreachAt,
            f.FundBy,
            f.Late,
            f.Explanation)).ToList());
    }

    private static async Task<IResult> EventsAsync(string bic, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        string code = Bic.Normalize(bic);
        return TypedResults.Ok(await db.ParticipantEvents.AsNoTracking().Where(e => e.ParticipantBic == code).OrderBy(e => e.Id)
            .Select(e => new ParticipantEventView(e.Action, e.Operator, e.Reason, e.At)).ToListAsync(cancellationToken));
    }

    private static async Task<IResult> SetSuspendedAsync(string bic, bool suspend, ReasonRequest body, HttpContext http, Func<DelTranDbContext> databases, TimeProvider clock, ApiKeyAuthentication keys, CancellationToken cancellationToken)
    {
        string who = OperatorEndpoints.OperatorOf(http)!;
        string? reason = body.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A reason (1 to 1000 characters) is required.");
        }

        string code = Bic.Normalize(bic);
        await using DelTranDbContext db = databases();
        ParticipantRow? participant = await db.Participants.SingleOrDefaultAsync(p => p.Bic == code, cancellationToken);
        if (participant is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No participant {bic}.");
        }

        if (participant.Suspended == suspend)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"{code} is already {(suspend ? "suspended" : "active")}.");
        }

        participant.Suspended = suspend;
        db.ParticipantEvents.Add(new ParticipantEventRow { ParticipantBic = code, Action = suspend ? "SUSPENDED" : "RESUMED", Operator = who, Reason = reason, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        keys.Forget();
        return TypedResults.Ok(new ParticipantSuspension(code, suspend, who, reason));
    }
}
