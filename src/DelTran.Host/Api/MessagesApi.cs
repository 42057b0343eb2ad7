using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>The HTTP drop: participants post ISO 20022 files and read back their status and pacs.002.</summary>
public static class MessagesApi
{
    /// <summary>Largest body accepted over HTTP; larger files go over SFTP or the watched folder.</summary>
    public const long MaxBodyBytes = 256L * 1024 * 1024;

    public sealed record SubmissionResponse(Guid Id, string Status, string StatusUrl);

    /// <summary>One transaction of a message: DelTran's own id (the key of its trail), where it was in the file, and its decision.</summary>
    public sealed record TransactionOutcome(Guid TransactionId, int Index, string? EndToEndId, Guid? Uetr, string State, string? ReasonCode, string? Reason, FxOutcome? Fx = null);

    /// <summary>The FX path an accepted transaction was priced by: the instructed amount into the settlement currency.</summary>
    public sealed record FxOutcome(string RateTableVersion, DateTimeOffset PricedAt, decimal SourceAmount, string SourceCurrency, decimal ResultAmount, string ResultCurrency, decimal EffectiveRate, string Path);

    public sealed record MessageStatus(
        Guid Id,
        string FileStatus,
        string? MessageId,
        string? MessageType,
        string? State,
        string? GroupStatus,
        int Transactions,
        IReadOnlyDictionary<string, int> TransactionStates,
        string? RejectReasons,
        IReadOnlyList<TransactionOutcome> Outcomes,
        int Offset,
        string? StatusReportUrl);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/messages").WithTags("Messages");
        api.MapPost("/", SubmitAsync).Admits(EndpointAccess.ParticipantsOnly)
            .WithSummary("Submit an ISO 20022 file (pacs.008.001.08, pain.001.001.09 or .03), raw XML or multipart.")
            // One Accepts call: a second one would replace the first and routing would refuse multipart with 415.
            .Accepts<IFormFile>("multipart/form-data", "application/xml", "text/xml")
            .Produces<SubmissionResponse>(StatusCodes.Status202Accepted)
            .Produces<SubmissionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        api.MapGet("/{id:guid}", GetStatusAsync).Admits(EndpointAccess.ParticipantsAndOperators)
            .WithSummary("Processing state and per-transaction outcomes (paged with offset and limit).")
            .Produces<MessageStatus>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{id:guid}/status-report", GetStatusReportAsync).Admits(EndpointAccess.ParticipantsAndOperators)
            .WithSummary("The pacs.002.001.10 status report, once every transaction has a decision.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, ApiKeyAuthentication auth, IngestService ingest, CancellationToken cancellationToken)
    {
        try
        {
            return await ReceiveAsync(http, auth, ingest, cancellationToken);
        }
        catch (Exception ex) when (DatabaseOutage.IsUnreachable(ex))
        {
            // The bytes are acknowledged only once stored with their outbox row, so nothing of this file was accepted.
            // Had the commit gone through after all, the same bytes sent again are answered DUPLICATE, never processed twice.
            return DatabaseOutageHandler.Unavailable(http, "The database cannot be reached, so the file was not stored and nothing was accepted.");
        }
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, ApiKeyAuthentication auth, IngestService ingest, CancellationToken cancellationToken)
    {
        string? participant = await auth.AuthenticateAsync(http.Request, cancellationToken);
        if (participant is null)
        {
            return Unauthorized();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        (Stream? body, string name, IResult? refusal) = await ReadSubmissionAsync(http, cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        IngestResult result;
        try
        {
            result = await ingest.StoreAsync(participant, "http", name, body, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        string statusUrl = $"/api/v1/messages/{result.FileId}";
        return result.Outcome switch
        {
            IngestOutcome.Stored => Results.Accepted(statusUrl, new SubmissionResponse(result.FileId, "RECEIVED", statusUrl)),
            IngestOutcome.Duplicate => Results.Ok(new SubmissionResponse(result.FileId, "DUPLICATE", statusUrl)),
            _ => TooLarge(),
        };
    }

    // The submitted file: an XML body, or exactly one XML file in a multipart form; otherwise the answer that refuses it.
    private static async Task<(Stream? Body, string Name, IResult? Refusal)> ReadSubmissionAsync(HttpContext http, CancellationToken cancellationToken)
    {
        string? mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "application/xml" or "text/xml")
        {
            return (http.Request.Body, "http-body.xml", null);
        }

        if (mediaType != "multipart/form-data")
        {
            return (null, "", Unsupported());
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
        {
            return (null, "", ex is BadHttpRequestException ? TooLarge() : Results.Problem("The multipart body could not be read.", statusCode: StatusCodes.Status400BadRequest));
        }

        IFormFile? file = form.Files.Count == 1 ? form.Files[0] : null;
        if (file is null)
        {
            return (null, "", Results.Problem("Send exactly one file in the multipart body.", statusCode: StatusCodes.Status400BadRequest));
        }

        string? fileType = file.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        return fileType is not ("application/xml" or "text/xml" or "application/octet-stream") && !file.FileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            ? (null, "", Unsupported())
            : (file.OpenReadStream(), Path.GetFileName(file.FileName), null);
    }

    private static async Task<IResult> GetStatusAsync(Guid id, HttpContext http, ApiKeyAuthentication auth, Func<DelTranDbContext> dbFactory, int? offset, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = dbFactory();
        (InboundFileRow? file, bool byOperator, IResult? refusal) = await FindReadableFileAsync(id, http, auth, db, cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        MessageRow? message = file.MessageId is Guid messageId ? await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken) : null;
        int skip = Math.Max(0, offset ?? 0);
        int take = Math.Clamp(limit ?? 1000, 1, 10_000);
        List<TransactionOutcome> outcomes = message is null ? [] : await OutcomesAsync(db, message.Id, skip, take, byOperator, cancellationToken);
        Dictionary<string, int> states = message is null ? [] : await StateCountsAsync(db, message.Id, cancellationToken);
        return Results.Ok(new MessageStatus(
            file.Id,
            file.Status.ToString().ToUpperInvariant(),
            message?.MsgId,
            message?.MessageType,
            message is null ? null : MessageLifecycles.Code(message.State),
            message?.GroupStatus,
            message?.TransactionCount ?? 0,
            states,
            message?.RejectReasons,
            outcomes,
            skip,
            message?.State == MessageLifecycle.Completed ? $"/api/v1/messages/{id}/status-report" : null));
    }

    private static async Task<List<TransactionOutcome>> OutcomesAsync(DelTranDbContext db, Guid messageId, int skip, int take, bool byOperator, CancellationToken cancellationToken)
    {
        var rows = await (
            from t in db.Transactions.AsNoTracking().Where(t => t.MessageId == messageId).OrderBy(t => t.Index).Skip(skip).Take(take)
            join f in db.TransactionFx.AsNoTracking() on t.Id equals f.TransactionId into fx
            from f in fx.DefaultIfEmpty()
            orderby t.Index
            select new
            {
                t.State,
                Outcome = new TransactionOutcome(
                    t.Id,
                    t.Index,
                    t.EndToEndId,
                    t.Uetr.HasValue ? t.Uetr.Value.Value : null,
                    TransactionStates.Code(t.State),
                    t.ReasonCode,
                    t.ReasonText,
                    f == null ? null : new FxOutcome(f.RateTableVersion, f.PricedAt, f.SourceAmount, f.SourceCurrency.Code, f.ResultAmount, f.ResultCurrency.Code, f.EffectiveRate, f.Path)),
            })
            .ToListAsync(cancellationToken);

        // A participant reads compliance decisions as fixed texts only (no list, entry, score or rule): no tipping-off.
        // Operators read the reasons as decided.
        return byOperator
            ? [.. rows.Select(r => r.Outcome)]
            : [.. rows.Select(r => ParticipantReasons.For(r.State, r.Outcome.ReasonCode, r.Outcome.Reason) is var (code, text) ? r.Outcome with { ReasonCode = code, Reason = text } : r.Outcome)];
    }

    private static async Task<Dictionary<string, int>> StateCountsAsync(DelTranDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        (await db.Transactions.AsNoTracking().Where(t => t.MessageId == messageId).GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => TransactionStates.Code(g.Key), g => g.Count, StringComparer.Ordinal);

    private static async Task<IResult> GetStatusReportAsync(Guid id, HttpContext http, ApiKeyAuthentication auth, Func<DelTranDbContext> dbFactory, IDatabaseDialect dialect, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = dbFactory();
        (InboundFileRow? file, _, IResult? refusal) = await FindReadableFileAsync(id, http, auth, db, cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        // Streamed from the database into the response: the report is never whole in memory. The context (and its
        // connection) must outlive the copy, so the body is written here rather than by a deferred result.
        await using Stream? report = file.MessageId is Guid messageId ? await dialect.OpenStatusReportAsync(db, messageId, cancellationToken) : null;
        if (report is null)
        {
            return Results.Problem("The status report is not written yet: some transactions are still being processed.", statusCode: StatusCodes.Status409Conflict, title: "Not ready");
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/xml; charset=utf-8";
        await report.CopyToAsync(http.Response.Body, cancellationToken);
        return Results.Empty;
    }

    /// <summary>
    /// The inbound file the caller may read, or the refusal: an operator reads every file; a participant its own, and
    /// 404 for an unknown id or another participant's; 401 without a valid participant or operator key.
    /// </summary>
    private static async Task<(InboundFileRow? File, bool ByOperator, IResult? Refusal)> FindReadableFileAsync(Guid id, HttpContext http, ApiKeyAuthentication auth, DelTranDbContext db, CancellationToken cancellationToken)
    {
        if (OperatorEndpoints.OperatorOf(http) is not null)
        {
            InboundFileRow? any = await db.InboundFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
            return any is null ? (null, true, NotFound()) : (any, true, null);
        }

        string? participant = await auth.AuthenticateAsync(http.Request, cancellationToken);
        if (participant is null)
        {
            return (null, false, Unauthorized());
        }

        // Another participant's message is indistinguishable from none at all.
        InboundFileRow? file = await db.InboundFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.ParticipantBic == participant, cancellationToken);
        return file is null ? (null, false, NotFound()) : (file, false, null);
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem($"Send a valid participant or operator key in the {ApiKeyAuthentication.Header} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No such message for this participant.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes (256 MiB), the HTTP limit; send larger files (up to 2 GiB) through SFTP or the watched folder.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    private static ProblemHttpResult Unsupported() =>
        TypedResults.Problem("Send ISO 20022 XML as application/xml (or text/xml), or as one file in multipart/form-data.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
}
