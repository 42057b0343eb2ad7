using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>
/// The token engine over HTTP. Participants act on their own accounts only (mint, burn, transfer single, batch and
/// two-phase; balances, history, an operation by its id); operators read the supply. Every refusal is a problem document
/// whose "reason" is an ISO 20022 status reason code, and nothing changed.
/// </summary>
public static class TokensApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/tokens").WithTags("Tokens");
        api.MapPost("/mints", (TokenFundingBody body, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken ct) => FundAsync(body, mint: true, http, auth, tokens, ct))
            .Admits(EndpointAccess.ParticipantsOnly).WithSummary("Mints tokens: the participant's bank moves the money into DelTran's reserve, then the tokens are credited (POSTED), or the mint is VOIDED.")
            .Produces<TokenOperationView>();
        api.MapPost("/burns", (TokenFundingBody body, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken ct) => FundAsync(body, mint: false, http, auth, tokens, ct))
            .Admits(EndpointAccess.ParticipantsOnly).WithSummary("Burns tokens: they are locked while the reserve pays the money out to the participant's bank, then POSTED, or VOIDED and unlocked.")
            .Produces<TokenOperationView>();
        api.MapPost("/transfers", TransferAsync).Admits(EndpointAccess.ParticipantsOnly)
            .WithSummary("Transfers tokens to another participant at once, or two-phase (pendingSeconds): locked until the sender posts or voids it.")
            .Produces<TokenOperationView>();
        api.MapPost("/transfers/batch", BatchAsync).Admits(EndpointAccess.ParticipantsOnly)
            .WithSummary("A linked batch of transfers from the caller: all are made, or none (the refusal names the transfer that failed).")
            .Produces<TokenBatchView>();
        api.MapPost("/transfers/{requestId}/post", (string requestId, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken ct) => FinishAsync(requestId, post: true, http, auth, tokens, ct))
            .Admits(EndpointAccess.ParticipantsOnly).WithSummary("Posts the caller's pending transfer: the locked tokens go to the receiver.")
            .Produces<TokenOperationView>();
        api.MapPost("/transfers/{requestId}/void", (string requestId, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken ct) => FinishAsync(requestId, post: false, http, auth, tokens, ct))
            .Admits(EndpointAccess.ParticipantsOnly).WithSummary("Voids the caller's pending transfer: the tokens are unlocked.")
            .Produces<TokenOperationView>();
        api.MapGet("/operations/{requestId}", OperationAsync).Admits(EndpointAccess.ParticipantsOnly)
            .WithSummary("One of the caller's token operations by its request id.").Produces<TokenOperationView>();
        api.MapGet("/balances", BalancesAsync).Admits(EndpointAccess.ParticipantsOnly)
            .WithSummary("The caller's tokens per currency: held, locked and available.").Produces<List<TokenBalanceView>>();
        api.MapGet("/history", HistoryAsync).Admits(EndpointAccess.ParticipantsOnly)
            .WithSummary("The postings on the caller's token account of a currency, oldest first, paged by cursor (?currency=INR&after=&limit=).").Produces<TokenHistoryPage>();
        api.MapPost("/corrections", EnterCorrectionAsync).RequireOperator()
            .WithSummary("An operator enters a correction: tokens to move from one participant's account to another's, with the reason. The tokens are locked; nothing moves until a second operator approves it.")
            .Produces<TokenCorrectionView>();
        api.MapPost("/corrections/{requestId}/approve", (string requestId, HttpContext http, TokenService tokens, CancellationToken ct) => FinishCorrectionAsync(requestId, null, http, tokens, ct)).RequireOperator()
            .WithSummary("A second operator approves a pending correction: the tokens move (403 for the operator who entered it).")
            .Produces<TokenCorrectionView>();
        api.MapPost("/corrections/{requestId}/decline", (string requestId, TokenDeclineBody body, HttpContext http, TokenService tokens, CancellationToken ct) => FinishCorrectionAsync(requestId, body.Reason ?? string.Empty, http, tokens, ct)).RequireOperator()
            .WithSummary("An operator declines a pending correction, with the reason: the tokens are unlocked.")
            .Produces<TokenCorrectionView>();
        api.MapGet("/corrections", CorrectionsAsync).RequireOperator()
            .WithSummary("Corrections, newest first, with who entered and who approved or declined each, and why (?status=PENDING).").Produces<List<TokenCorrectionView>>();
        api.MapGet("/supply", SupplyAsync).RequireOperator()
            .WithSummary("Per currency: tokens outstanding and locked, the reserve, suspense and pending mints (operators).").Produces<List<TokenSupplyView>>();
    }

    private static async Task<IResult> FundAsync(TokenFundingBody body, bool mint, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        if (Money(body.Currency, body.Amount) is not (Currency currency, decimal amount))
        {
            return Invalid(ReasonCode.AM03, "Give the currency (INR, AED or USD) and the amount.");
        }

        var request = new TokenFundingRequest(caller, body.RequestId ?? string.Empty, currency, amount);
        return Answer(mint ? await tokens.MintAsync(request, cancellationToken) : await tokens.BurnAsync(request, cancellationToken));
    }

    private static async Task<IResult> TransferAsync(TokenTransferBody body, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        return ReadTransfer(caller, body, out TokenTransferRequest? request) is { } invalid ? invalid : Answer(await tokens.TransferAsync(request!, cancellationToken));
    }

    private static async Task<IResult> BatchAsync(TokenBatchBody body, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        if (body.Transfers is not { Count: > 0 and <= 1000 } transfers)
        {
            return Invalid(ReasonCode.AM18, "A batch holds 1 to 1000 transfers.");
        }

        var requests = new List<TokenTransferRequest>(transfers.Count);
        foreach (TokenTransferBody transfer in transfers)
        {
            if (ReadTransfer(caller, transfer, out TokenTransferRequest? request) is { } invalid)
            {
                return invalid;
            }

            requests.Add(request!);
        }

        TokenDecision decision = await tokens.BatchAsync(requests, linked: true, cancellationToken);
        return decision.Refusal is { } refusal ? Refused(refusal) : TypedResults.Ok(new TokenBatchView([.. decision.Change!.Operations.Select(View)]));
    }

    private static async Task<IResult> FinishAsync(string requestId, bool post, HttpContext http, ApiKeyAuthentication auth, TokenService tokens, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        return Answer(post ? await tokens.PostAsync(caller, requestId, cancellationToken) : await tokens.VoidAsync(caller, requestId, cancellationToken));
    }

    private static async Task<IResult> OperationAsync(string requestId, HttpContext http, ApiKeyAuthentication auth, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        await using DelTranDbContext db = databases();
        string id = TokenRules.OperationId(caller, requestId);
        TokenOperationRow? row = await db.TokenOperations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return row is null ? NotFound(requestId) : TypedResults.Ok(View(TokenRows.ToCore(row)));
    }

    private static async Task<IResult> BalancesAsync(HttpContext http, ApiKeyAuthentication auth, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        await using DelTranDbContext db = databases();
        List<TokenAccountRow> accounts = await db.TokenAccounts.AsNoTracking().Where(a => a.ParticipantBic == caller).ToListAsync(cancellationToken);
        return TypedResults.Ok(accounts.OrderBy(a => a.Currency.Code, StringComparer.Ordinal)
            .Select(a => new TokenBalanceView(a.Currency.Code, "x" + a.Currency.Code, a.Posted, a.Locked, a.Posted - a.Locked)).ToList());
    }

    private static async Task<IResult> HistoryAsync(string? currency, long? after, int? limit, HttpContext http, ApiKeyAuthentication auth, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(http.Request, cancellationToken) is not string caller)
        {
            return Unauthorized();
        }

        if (!Currency.TryParse(currency?.ToUpperInvariant(), out Currency code))
        {
            return Invalid(ReasonCode.AM03, "Give the currency: ?currency=INR.");
        }

        int take = Math.Clamp(limit ?? 100, 1, 1000);
        long from = after ?? 0;
        string account = TokenAccountId.Of(caller, code).LedgerAccount;
        await using DelTranDbContext db = databases();
        List<TokenHistoryEntry> entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Account == account && e.Currency == code && e.Id > from).OrderBy(e => e.Id).Take(take + 1)
            .Select(e => new TokenHistoryEntry(e.Id, e.InstructionId, e.Kind, e.Amount, e.BookedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TokenHistoryPage(code.Code, [.. entries.Take(take)], entries.Count > take ? entries[take - 1].Cursor : null));
    }

    private static async Task<IResult> SupplyAsync(Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        List<TokenBook> books = await TokenBooks.LoadAsync(db, cancellationToken);
        Dictionary<Currency, TokenReconciliationRow> last = (await db.TokenReconciliations.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(cancellationToken))
            .GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.First());
        return TypedResults.Ok(books.Select(TokenConservation.Supply)
            .Select(s => new TokenSupplyView(
                s.Currency.Code, "x" + s.Currency.Code, s.Outstanding, s.Locked, s.Reserve, s.Suspense, s.PendingMints, s.Backed,
                last.TryGetValue(s.Currency, out TokenReconciliationRow? r) ? new TokenReconciliationView(r.At, r.LedgerReserve, r.BankReserve, r.Matches, r.Problems) : null))
            .ToList());
    }

    private static ProblemHttpResult? ReadTransfer(string caller, TokenTransferBody body, out TokenTransferRequest? request)
    {
        request = null;
        if (Money(body.Currency, body.Amount) is not (Currency currency, decimal amount))
        {
            return Invalid(ReasonCode.AM03, "Give the currency (INR, AED or USD) and the amount.");
        }

        if (!Bic.TryParseAnyCase(body.Receiver, out Bic receiver))
        {
            return Invalid(ReasonCode.RC01, "Give the receiver's BIC.");
        }

        TimeSpan? pending = body.PendingSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null;
        request = new TokenTransferRequest(caller, body.RequestId ?? string.Empty, receiver.Institution, currency, amount, pending);
        return null;
    }

    private static (Currency, decimal)? Money(string? currency, decimal? amount) =>
        Currency.TryParse(currency?.ToUpperInvariant(), out Currency code) && amount is decimal value ? (code, value) : null;

    private static async Task<IResult> EnterCorrectionAsync(TokenCorrectionBody body, HttpContext http, TokenService tokens, CancellationToken cancellationToken)
    {
        string by = OperatorEndpoints.OperatorOf(http)!;
        if (Money(body.Currency, body.Amount) is not (Currency currency, decimal amount))
        {
            return Invalid(ReasonCode.AM03, "Give the currency (INR, AED or USD) and the amount.");
        }

        if (!Bic.TryParse(body.From, out Bic from) || !Bic.TryParse(body.To, out Bic to))
        {
            return Invalid(ReasonCode.AC01, "Give the participants whose accounts the correction debits (from) and credits (to), by BIC.");
        }

        var request = new TokenCorrectionRequest(by, body.RequestId ?? string.Empty, from.Institution, to.Institution, currency, amount, body.Reason ?? string.Empty, body.Corrects);
        return Corrected(await tokens.EnterCorrectionAsync(request, cancellationToken));
    }

    private static async Task<IResult> FinishCorrectionAsync(string requestId, string? declineReason, HttpContext http, TokenService tokens, CancellationToken cancellationToken) =>
        Corrected(await tokens.FinishCorrectionAsync(requestId, OperatorEndpoints.OperatorOf(http)!, declineReason, cancellationToken));

    private static async Task<IResult> CorrectionsAsync(Func<DelTranDbContext> databases, string? status, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        TokenOperationKind correction = TokenOperationKind.Correction;
        IQueryable<TokenOperationRow> rows = db.TokenOperations.AsNoTracking().Where(o => o.Kind == correction);
        if (status is not null)
        {
            if (!Enum.TryParse(status, ignoreCase: true, out TokenOperationStatus wanted) || !Enum.IsDefined(wanted))
            {
                return Invalid(ReasonCode.FF01, "status is PENDING, POSTED or VOIDED.");
            }

            rows = rows.Where(o => o.Status == wanted);
        }

        List<TokenOperationRow> found = await rows.ToListAsync(cancellationToken);
        return TypedResults.Ok(found.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal).Take(500).Select(o => CorrectionView(TokenRows.ToCore(o))).ToList());
    }

    private static IResult Corrected(TokenDecision decision) =>
        decision.Refusal is { } refusal ? Refused(refusal) : TypedResults.Ok(CorrectionView(decision.Operation!));

    private static TokenCorrectionView CorrectionView(TokenOperation o) => new(
        o.Id[(TokenRules.CorrectionId(string.Empty).Length)..],
        o.Status.ToString().ToUpperInvariant(),
        o.Participant,
        o.Counterparty!,
        o.Currency.Code,
        "x" + o.Currency.Code,
        o.Amount,
        o.Reason,
        o.RelatedTo,
        o.EnteredBy,
        o.CreatedAt,
        o.ApprovedBy,
        o.FinishedAt,
        o.ReasonCode);

    private static IResult Answer(TokenDecision decision) =>
        decision.Refusal is { } refusal ? Refused(refusal) : TypedResults.Ok(View(decision.Operation!));

    private static TokenOperationView View(TokenOperation o) => new(
        o.Id[(o.Participant.Length + 1)..],
        o.Kind.ToString().ToUpperInvariant(),
        o.Status.ToString().ToUpperInvariant(),
        o.Participant,
        o.Counterparty,
        o.Currency.Code,
        "x" + o.Currency.Code,
        o.Amount,
        o.TwoPhase,
        o.CreatedAt,
        o.ExpiresAt,
        o.FinishedAt,
        o.BatchId,
        o.ReasonCode,
        o.Reason);

    private static ProblemHttpResult Refused(TokenRefusal refusal) => Problem(
        refusal.Kind switch
        {
            TokenRefusalKind.NotFound => StatusCodes.Status404NotFound,
            TokenRefusalKind.Conflict => StatusCodes.Status409Conflict,
            TokenRefusalKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
            TokenRefusalKind.Halted => StatusCodes.Status503ServiceUnavailable,
            TokenRefusalKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        },
        refusal.ReasonCode,
        refusal.Reason);

    private static ProblemHttpResult Invalid(string reason, string detail) => Problem(StatusCodes.Status400BadRequest, reason, detail);

    private static ProblemHttpResult NotFound(string requestId) => Problem(StatusCodes.Status404NotFound, ReasonCode.AC01, $"No token operation {requestId} of yours.");

    private static ProblemHttpResult Unauthorized() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An X-Api-Key is required.");

    private static ProblemHttpResult Problem(int status, string reason, string detail) =>
        TypedResults.Problem(statusCode: status, title: "The token request was refused; nothing changed.", detail: detail, extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
