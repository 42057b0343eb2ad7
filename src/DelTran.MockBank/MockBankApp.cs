using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DelTran.MockBank;

/// <summary>
/// The mock bank as an ASP.NET Core minimal API: `deltran-mockbank` runs it alone (and `deltran process` runs that
/// executable as a child process), and a test or benchmark can run it in-process, e.g.
/// <c>Create([], b =&gt; b.WebHost.UseUrls("http://127.0.0.1:0"))</c> then read <c>app.Urls</c> after <c>StartAsync</c>.
/// DelTran itself never references this assembly.
/// </summary>
public static partial class MockBankApp
{
    public const string DefaultUrl = "http://0.0.0.0:5080";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>What `deltran-mockbank` prints on stdout before each address it listens on, once it accepts connections.</summary>
    public const string ListeningLinePrefix = "deltran-mockbank: listening on ";

    /// <summary>The switch that makes `deltran-mockbank` stop when its standard input closes (its parent closed it, or died).</summary>
    public const string ExitWhenStdinClosesSwitch = "--exit-when-stdin-closes";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(MockBankApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Beside `deltran` (as `deltran process` runs it) or in a test, the folder holds DelTran's appsettings.json: the
        // mock bank reads none, only the environment and the command line, so it never picks up the host's Kestrel
        // endpoints or URLs.
        foreach (IConfigurationSource json in builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(json);
        }

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Without an appsettings.json, say here what it would: one line per booking, not per request.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.TryAddSingleton(TimeProvider.System);
        string? books = builder.Configuration["Books"];
        builder.Services.AddSingleton(provider => new SettlementLedger(provider.GetRequiredService<TimeProvider>(), string.IsNullOrEmpty(books) ? null : new BooksFile(books)));
        builder.Services.AddSingleton<FaultInjector>();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
        app.MapPost("/api/v1/settlements", SettleAsync);
        app.MapGet("/api/v1/settlements", (SettlementLedger ledger) => Results.Ok(ledger.Booked()));
        // The statement of DelTran's token reserve account: the bookings filed under TOKENS, in one currency.
        app.MapGet("/api/v1/accounts/token-reserve/statement", (string? currency, SettlementLedger ledger) =>
            string.IsNullOrEmpty(currency) ? Error(StatusCodes.Status400BadRequest, "MISSING_CURRENCY", "give ?currency=")
            : Results.Ok(ledger.Reserve(currency, "TOKENS")));
        // What was booked under an idempotency key, if anything: how a client learns the outcome of a request whose answer it lost.
        app.MapGet("/api/v1/settlements/by-key", (string? key, SettlementLedger ledger) =>
            string.IsNullOrEmpty(key) ? Error(StatusCodes.Status400BadRequest, "MISSING_KEY", "give ?key=")
            : ledger.Find(key) is { } found ? Results.Ok(found)
            : Error(StatusCodes.Status404NotFound, "NOT_BOOKED", $"nothing is booked under {key}."));
        app.MapPost("/api/v1/control/faults", AddFault);
        app.MapGet("/api/v1/control/faults", (FaultInjector faults) => Results.Ok(faults.Rules()));
        app.MapPost("/api/v1/control/release", (FaultInjector faults) => Results.Ok(new { released = faults.ReleaseHeld() }));
        app.MapDelete("/api/v1/control/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> SettleAsync(
        HttpContext http,
        SettlementLedger ledger,
        FaultInjector faults,
        IHostApplicationLifetime lifetime,
        TimeProvider clock,
        ILoggerFactory loggerFactory)
    {
        ILogger logger = loggerFactory.CreateLogger(typeof(MockBankApp).FullName!);
        string? key = http.Request.Headers[IdempotencyKeyHeader];
        if (string.IsNullOrWhiteSpace(key))
        {
            return Error(StatusCodes.Status400BadRequest, "MISSING_IDEMPOTENCY_KEY", $"the {IdempotencyKeyHeader} header is required.");
        }

        SettlementInstruction? instruction;
        try
        {
            instruction = await JsonSerializer.DeserializeAsync<SettlementInstruction>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", $"the body is not a settlement instruction: {ex.Message}");
        }

        if (SettlementRules.Problem(instruction) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", problem);
        }

        // The client leaving ends a hanging request; shutting down ends every wait.
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            using IDisposable keyLock = await ledger.LockKeyAsync(key, aborted.Token);
            FaultHit? fault = faults.Match(instruction!.Participant!, instruction.Direction!);
            if (fault is { } hit)
            {
                LogFault(logger, hit.RuleId, hit.Mode, instruction.InstructionId!);
                switch (hit.Mode)
                {
                    case FaultMode.Fail:
                        return Error(StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "injected fault: fail.");
                    case FaultMode.Refuse:
                        return Error(StatusCodes.Status422UnprocessableEntity, "REFUSED", "injected fault: the account refuses the booking.");
                    case FaultMode.Timeout:
                        await Task.Delay(Timeout.Infinite, aborted.Token);
                        break;
                    case FaultMode.Slow:
                        // A real bank does not notice the client leaving: it books anyway. On the app's clock, so a test can move it.
                        await Task.Delay(TimeSpan.FromMilliseconds(hit.DelayMs), clock, lifetime.ApplicationStopping);
                        break;
                    default:
                        break;
                }
            }

            // A held answer counts as held from before its booking, so a release that sees the booking also ends the hold.
            using IDisposable? holding = fault?.Mode == FaultMode.HoldAfterBooking ? faults.Holding() : null;
            CancellationToken released = faults.HeldUntilReleased;
            BookingOutcome outcome = ledger.Book(key, instruction);
            if (outcome.Kind == BookingKind.KeyReused)
            {
                return Error(
                    StatusCodes.Status409Conflict,
                    "IDEMPOTENCY_KEY_REUSED",
                    $"the key '{key}' was used before with another body.");
            }

            if (outcome.Kind == BookingKind.Booked)
            {
                LogBooked(logger, instruction.InstructionId!, instruction.Participant!, instruction.Direction!, instruction.Amount, instruction.Currency!);
            }

            if (fault?.Mode == FaultMode.HoldAfterBooking)
            {
                // Booked and kept, whether or not the client is still there to hear it, until the delay ends or the
                // operator releases the held answers.
                using var held = CancellationTokenSource.CreateLinkedTokenSource(aborted.Token, released);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(fault.Value.DelayMs), clock, held.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    // Released: answer now.
                }
            }

            return fault?.Mode == FaultMode.FailAfterBooking
                ? Error(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "injected fault: fail-after-booking (the instruction was booked).")
                : Results.Ok(outcome.Confirmation);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up or the bank is stopping: nobody reads this answer (a held answer's booking stands).
            return Error(StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "the request was abandoned.");
        }
    }

    private static IResult AddFault(FaultRuleRequest? request, FaultInjector faults)
    {
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "the body is empty.");
        }

        return faults.TryAdd(request, out FaultRuleView? rule, out string? problem)
            ? Results.Ok(rule)
            : Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", problem!);
    }

    private static IResult Error(int status, string error, string reason) =>
        Results.Json(new ErrorBody(error, reason), Json, statusCode: status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booked {InstructionId}: {Direction} {Participant} {Amount} {Currency}")]
    private static partial void LogBooked(ILogger logger, string instructionId, string participant, string direction, decimal amount, string currency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fault rule {RuleId} ({Mode}) applies to {InstructionId}")]
    private static partial void LogFault(ILogger logger, int ruleId, FaultMode mode, string instructionId);
}
