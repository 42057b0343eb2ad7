using DelTran.Host.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DelTran.Host.Endpoints;

/// <summary>
/// A request that failed because the database cannot be reached gets 503 with Retry-After and a problem document
/// saying nothing was done, instead of the 500 every other unexpected error gets: the client should send it again.
/// </summary>
public sealed partial class DatabaseOutageHandler(IProblemDetailsService problems, ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.IsUnreachable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogOutage(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        return await WriteAsync(httpContext, problems, "The database cannot be reached, so the request was not carried out.");
    }

    /// <summary>Writes the 503 answer: Retry-After and a problem document with <paramref name="detail"/>.</summary>
    public static async ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"{detail} Send it again after {DatabaseOutage.RetryAfterSeconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: answered 503, the database cannot be reached ({Reason})")]
    private static partial void LogOutage(ILogger logger, string method, string path, string reason);
}
