using DelTran.Core.Clearing;
using DelTran.Core.Netting;
using DelTran.Core.Settlement;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>Operators' window API: list windows, show one with its positions, close now, retry a FAILED settlement, fetch reports.</summary>
public static class WindowsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/windows").WithTags("Windows").RequireOperator();
        api.MapGet("/", ListAsync).WithSummary("Clearing windows, newest first; filter by currency and state.")
            .Produces<List<WindowSummary>>();
        api.MapGet("/{id}", GetAsync).WithSummary("A window with its totals and state history.")
            .Produces<WindowDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/positions", PositionsAsync).WithSummary("A closed window's multilateral net positions and bilateral view.")
            .Produces<WindowPositions>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{currency}/close", CloseAsync).WithSummary("Closes the open window of a currency now; settlement follows in the background.")
            .Produces<WindowAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/retry", RetryAsync).WithSummary("Tries a FAILED window's settlement again.")
            .Produces<WindowAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id}/reports/{**file}", ReportAsync).WithSummary("A report file of a closed window: pacs002/…, camt053/…, audit/….");
    }

    private static async Task<IResult> ListAsync(Func<DelTranDbContext> databases, IDatabaseDialect dialect, string? currency, string? state, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        IQueryable<ClearingWindowRow> query = db.ClearingWindows.AsNoTracking();
        // Codes are stored upper case; the query parameters may come in any case.
        string? currencyCode = currency?.ToUpperInvariant();
        string? stateCode = state?.ToUpperInvariant();
        // A code that names no currency or state matches no window, as it did when the columns were text.
        if (currencyCode is not null)
        {
            query = Core.Amounts.Currency.TryParse(currencyCode, out Core.Amounts.Currency windowCurrency) ? query.Where(w => w.Currency == windowCurrency) : query.Where(w => false);
        }

        if (stateCode is not null)
        {
            query = WindowStateMachine.TryParse(stateCode, out WindowState windowState) ? query.Where(w => w.State == windowState) : query.Where(w => false);
        }

        List<ClearingWindowRow> windows = await query.OrderByDescending(w => w.Sequence).ThenBy(w => w.Currency).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(cancellationToken);
        var summaries = new List<WindowSummary>(windows.Count);
        foreach (ClearingWindowRow window in windows)
        {
            summaries.Add(await LiveSummaryAsync(db, dialect, window, cancellationToken));
        }

        return TypedResults.Ok(summaries);
    }

    /// <summary>
    /// A window's figures: an open window's are counted now from the obligations it holds (they are stored on the window
    /// only when it closes), so they agree with the participants' running positions.
    /// </summary>
    private static async Task<WindowSummary> LiveSummaryAsync(DelTranDbContext db, IDatabaseDialect dialect, ClearingWindowRow window, CancellationToken cancellationToken)
    {
        if (window.State != OpenWindows.Open)
        {
            return Summary(window);
        }

        (long count, decimal sum) = await dialect.WindowTotalsAsync(db, window.Id, cancellationToken);
        window.ObligationCount = count;
        window.ObligationSum = sum;
        return Summary(window);
    }

    private static async Task<IResult> GetAsync(string id, Func<DelTranDbContext> databases, IDatabaseDialect dialect, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        ClearingWindowRow? window = await db.ClearingWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (window is null)
        {
            return NotFound(id);
        }

        var history = await db.WindowEvents.AsNoTracking().Where(e => e.WindowId == id).OrderBy(e => e.Id)
            .Select(e => new WindowTransition(e.At, e.FromState == null ? null : WindowStateMachine.Code(e.FromState.Value), WindowStateMachine.Code(e.ToState), e.Cause)).ToListAsync(cancellationToken);
        var instructions = await db.SettlementInstructions.AsNoTracking().Where(i => i.WindowId == id).OrderBy(i => i.Attempt).ThenBy(i => i.Sequence)
            .Select(i => new WindowInstruction(i.InstructionId, i.Attempt, i.ParticipantBic, SettlementCodes.Code(i.Direction), i.Amount, SettlementCodes.Code(i.Status), i.ConfirmationId, i.FailureCode, i.FailureMessage))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WindowDetail(await LiveSummaryAsync(db, dialect, window, cancellationToken), history, instructions));
    }

    private static async Task<IResult> PositionsAsync(string id, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        if (!await db.ClearingWindows.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var positions = (await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == id).ToListAsync(cancellationToken))
            .OrderBy(p => p.ParticipantBic, StringComparer.Ordinal)
            .Select(p => new NetPosition(p.ParticipantBic, p.Currency.Code, p.Debit, p.Credit, p.Net, p.ObligationsPaid, p.ObligationsReceived))
            .ToList();
        var bilateral = (await db.WindowBilateral.AsNoTracking().Where(p => p.WindowId == id).ToListAsync(cancellationToken))
            .OrderBy(p => p.ParticipantA, StringComparer.Ordinal).ThenBy(p => p.ParticipantB, StringComparer.Ordinal)
            .Select(p => new BilateralPosition(p.ParticipantA, p.ParticipantB, p.Currency.Code, p.AOwesB, p.BOwesA, p.BOwesA - p.AOwesB))
            .ToList();
        return TypedResults.Ok(new WindowPositions(id, positions, bilateral));
    }

    private static async Task<IResult> CloseAsync(string currency, string? windowId, WindowCloser closer, IBackgroundJobClient jobs, HttpContext http, CancellationToken cancellationToken)
    {
        string code = currency.ToUpperInvariant();
        if (!Core.Amounts.Currency.TryParse(code, out _))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'{currency}' is not a currency.");
        }

        string who = OperatorEndpoints.OperatorOf(http)!;
        CloseResult result = await closer.CloseAsync(new CloseRequest(code, $"closed by operator {who}") { WindowId = windowId }, cancellationToken);
        if (result.Outcome == CloseOutcome.UnknownCurrency)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such window.", detail: result.Message);
        }

        if (result.Outcome != CloseOutcome.Closed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already closed.", detail: result.Message);
        }

        ContinueAfterAnswer(http, jobs, result.WindowId!, retry: false);
        return TypedResults.Accepted($"/api/v1/windows/{result.WindowId}", new WindowAccepted(result.WindowId!, "CLOSING", result.Message, $"/api/v1/windows/{result.WindowId}"));
    }

    private static async Task<IResult> RetryAsync(string id, Func<DelTranDbContext> databases, IBackgroundJobClient jobs, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        ClearingWindowRow? window = await db.ClearingWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (window is null)
        {
            return NotFound(id);
        }

        bool netted = await db.WindowPositions.AnyAsync(p => p.WindowId == id, cancellationToken);
        if (WindowRetry.Decide(new WindowRetryFacts(id, window.State, window.CarriedTo, netted)) is { Allowed: false } refused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a FAILED, netted window whose obligations are still its own can be retried.", detail: refused.Refusal);
        }

        // Recorded first, so the request outlives a busy lease or a crash: whoever next holds the window's lease honours it.
        DateTimeOffset now = clock.GetUtcNow();
        WindowState failed = WindowState.Failed;
        int requested = await db.ClearingWindows.Where(w => w.Id == id && w.State == failed && w.CarriedTo == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.RetryRequestedAt, now), cancellationToken);
        if (requested != 1)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a FAILED, netted window whose obligations are still its own can be retried.", detail: $"Window {id} changed meanwhile.");
        }

        db.WindowEvents.Add(WindowCloser.Event(id, now, failed, failed, $"retry requested by operator {OperatorEndpoints.OperatorOf(http)}"));
        await db.SaveChangesAsync(cancellationToken);
        ContinueAfterAnswer(http, jobs, id, retry: true);
        return TypedResults.Accepted($"/api/v1/windows/{id}", new WindowAccepted(id, WindowStateMachine.Code(window.State), null, $"/api/v1/windows/{id}"));
    }

    // The window goes on once the answer is sent, so its audit pack carries the operator's whole action, the answer
    // included (the audit log records it after the handler). A crash before then leaves the window to the sweeper.
    private static void ContinueAfterAnswer(HttpContext http, IBackgroundJobClient jobs, string windowId, bool retry) =>
        http.Response.OnCompleted(() =>
        {
            jobs.Enqueue<ContinueWindowJob>(job => job.RunAsync(windowId, retry, CancellationToken.None));
            return Task.CompletedTask;
        });

    private static IResult ReportAsync(string id, string file, ReportsLocation reports)
    {
        return reports.Find(id, file) is { } found
            ? TypedResults.PhysicalFile(found.Path, ReportsLocation.ContentType(found.Path), Path.GetFileName(found.Path))
            : NotFound(id + "/" + file);
    }

    // The efficiency is the fraction with four decimals, as control-totals.csv carries it (NettingEfficiency).
    private static WindowSummary Summary(ClearingWindowRow w) => new(
        w.Id,
        w.Currency.Code,
        WindowStateMachine.Code(w.State),
        w.OpenedAt,
        w.CutoffAt,
        w.BusinessDate,
        w.ObligationCount,
        w.ObligationSum,
        NettingEfficiency.Fraction(w.NettingEfficiency),
        w.SettlementAttempts,
        w.FailureReason,
        w.CarriedTo);

    private static ProblemHttpResult NotFound(string what) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No window {what}.");
}
