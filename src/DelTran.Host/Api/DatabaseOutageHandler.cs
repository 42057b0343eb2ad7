using DelTran.Host.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace DelTran.Host.Api;

/// <summary>
/// A request that failed because the database cannot be reached gets 503 with Retry-After and a problem document
/// saying nothing was done, instead of the 500 every other unexpected error gets: the client should send it again.
/// </summary>
public sealed partial class DatabaseOutageHandler(ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.IsUnreachable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogOutage(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        await Unavailable(httpContext, "The database cannot be reached, so the request was not carried out.").ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The 503 answer, for this handler and for endpoints that say more: Retry-After and a problem document with <paramref name="detail"/>.</summary>
    public static IResult Unavailable(HttpContext httpContext, string detail)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem($"{detail} Send it again after {DatabaseOutage.RetryAfterSeconds} seconds.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered 503, the database cannot be reached ({Reason})")]
    private static partial void LogOutage(ILogger logger, string method, string path, string reason);
}
