using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>The health endpoints' answer: the overall status and, for each check, its status, reason and details, as JSON.</summary>
public static class HealthJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var body = new HealthAnswer(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new HealthCheckAnswer(
                e.Key,
                e.Value.Status.ToString(),
                e.Value.Description ?? e.Value.Exception?.Message,
                e.Value.Duration.TotalMilliseconds,
                e.Value.Data.Count == 0 ? null : e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString(), StringComparer.Ordinal)))]);
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(body, Options));
    }
}
