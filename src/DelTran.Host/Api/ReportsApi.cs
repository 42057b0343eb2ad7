using DelTran.Host.Clearing;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DelTran.Host.Api;

/// <summary>
/// The reports a caller may read: after a window settles, each participant's own ACSC pacs.002s (of the messages it
/// sent) and its camt.053 statements, and each day's camt.053 of its token accounts; operators read every file, the audit
/// pack and the token proof of reserves included. Another
/// participant's file is answered 404, as if it did not exist. The reporting engine extends this list.
/// </summary>
public static class ReportsApi
{
    public sealed record ReportFile(string Name, long Bytes, string Url);

    public sealed record Report(string Id, string Kind, IReadOnlyList<ReportFile> Files);

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/reports").WithTags("Reports").Admits(EndpointAccess.ParticipantsAndOperators);
        api.MapGet("/", ListAsync)
            .WithSummary("The reports the caller may read, newest window first: a participant its own statements and settlement confirmations, an operator everything.")
            .Produces<IReadOnlyList<Report>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/{id}/files/{**name}", FileAsync)
            .WithSummary("One file of a report: pacs002/…, camt053/… (a participant's own), audit/… (operators).")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiKeyAuthentication auth, ReportsLocation reports, CancellationToken cancellationToken)
    {
        (bool admitted, string? participant) = await CallerAsync(http, auth, cancellationToken);
        if (!admitted)
        {
            return Unauthorized();
        }

        var list = new List<Report>();
        if (!Directory.Exists(reports.Root))
        {
            return TypedResults.Ok(list);
        }

        // Window folders only: not the hidden ones being written, nor the reports a retried window superseded.
        foreach (string folder in Directory.EnumerateDirectories(reports.Root).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith('.') && !f.Contains(".superseded-", StringComparison.Ordinal)).OrderDescending(StringComparer.Ordinal))
        {
            string root = Path.Combine(reports.Root, folder);
            ReportFile[] files = [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(name => !name.Split('/').Any(part => part.StartsWith('.')) && MayRead(participant, name))
                .Order(StringComparer.Ordinal)
                .Select(name => new ReportFile(name, new FileInfo(Path.Combine(root, name)).Length, $"/api/v1/reports/{folder}/files/{name}"))];
            if (files.Length > 0)
            {
                list.Add(new Report(folder, folder.StartsWith(TokenDailyReports.FolderPrefix, StringComparison.Ordinal) ? "tokens" : "window", files));
            }
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> FileAsync(string id, string name, HttpContext http, ApiKeyAuthentication auth, ReportsLocation reports, CancellationToken cancellationToken)
    {
        (bool admitted, string? participant) = await CallerAsync(http, auth, cancellationToken);
        if (!admitted)
        {
            return Unauthorized();
        }

        // Only files under this report's folder, and only the caller's.
        return reports.Find(id, name) is { } found && MayRead(participant, found.Relative)
            ? TypedResults.PhysicalFile(found.Path, ReportsLocation.ContentType(found.Path), Path.GetFileName(found.Path))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report file.", detail: $"{id}/{name}");
    }

    /// <summary>An operator (participant null) reads every file; a participant only its own.</summary>
    private static bool MayRead(string? participant, string relativePath) =>
        participant is null || WindowReportNames.OwnerOf(relativePath) == participant;

    /// <summary>Admitted, and as whom: an operator (null) or a participant (its BIC8).</summary>
    private static async Task<(bool Admitted, string? Participant)> CallerAsync(HttpContext http, ApiKeyAuthentication auth, CancellationToken cancellationToken)
    {
        if (OperatorEndpoints.OperatorOf(http) is not null)
        {
            return (true, null);
        }

        string? participant = await auth.AuthenticateAsync(http.Request, cancellationToken);
        return participant is null ? (false, null) : (true, participant);
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem($"Send a valid participant or operator key in the {ApiKeyAuthentication.Header} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
