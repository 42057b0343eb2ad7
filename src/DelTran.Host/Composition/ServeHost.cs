using DelTran.Host.Api;
using DelTran.Host.Checks.Review;
using DelTran.Host.Clearing;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Ingest.Channels;
using DelTran.Host.Invariants;
using DelTran.Host.Reports;
using DelTran.Host.Tokens;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Composition;

/// <summary>`deltran serve`: the channels, the API and the stage consumers as one long-running service.</summary>
public static class ServeHost
{
    public static WebApplication Build(string[] args, IConfiguration configuration, string dataDirectory, Action<IServiceCollection>? compose = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        StorageSettings storage = StorageSettings.From(builder.Configuration, dataDirectory);

        builder.Services.AddDelTranPipeline(builder.Configuration, storage);
        // Polling drop folders belongs to the service only; `deltran process` ingests the files it is given.
        builder.Services.AddChannels(builder.Configuration);
        // Window reports go to the participants' outbound folders on the channels that serve them.
        builder.Services.AddSingleton<IWindowReportDelivery, WindowReportDelivery>();
        builder.Services.AddClearing(builder.Configuration, dataDirectory);
        builder.Services.AddClearingJobs(builder.Configuration, storage);
        // The conservation monitor checks what the pipeline and the clearing cycle write.
        builder.Services.AddInvariantMonitor(builder.Configuration);
        builder.Services.AddTokens(builder.Configuration);
        builder.Services.AddTokenReports();
        builder.Services.AddSingleton<OperatorAuthentication>();
        builder.Services.AddSingleton<OperatorAuditLog>();
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddSingleton<ApiKeyAuthentication>();
        builder.Services.AddSingleton<StartupInitializer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupInitializer>());
        builder.Services.AddOpenApi(ApiDocument.Configure);
        builder.Services.AddProblemDetails();
        // Before the default handler: an unreachable database is 503 with Retry-After, everything else stays 500.
        builder.Services.AddExceptionHandler<DatabaseOutageHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck<BackgroundLoopsHealthCheck>("pipeline", tags: ["ready"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<StartupHealthCheck>("startup", tags: ["ready"])
            .AddCheck<BankEndpointsHealthCheck>("banks", tags: ["ready"]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MessagesApi.MaxBodyBytes);

        compose?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        // Every error answer is a problem document, also those the framework gives without a body (415 from routing by
        // content type, 404 for an unknown path, 405, the start-up 503 below).
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Until the database is migrated and reachable, refuse work instead of failing half way.
            if (context.Request.Path.StartsWithSegments("/api") && !context.RequestServices.GetRequiredService<StartupInitializer>().IsReady)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                return;
            }

            await next(context);
        });
        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthJson.WriteAsync,
            // MassTransit reports a lost broker as Degraded; for readiness that is not ready.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        MessagesApi.Map(app);
        WindowsApi.Map(app);
        ReviewApi.Map(app);
        ParticipantsApi.Map(app);
        RiskApi.Map(app);
        FxApi.Map(app);
        TransactionsApi.Map(app);
        OperatorActionsApi.Map(app);
        ReportsApi.Map(app);
        TokensApi.Map(app);
        MapDashboard(app, embedded: !storage.UsesPostgres);
        return app;
    }

    // The Hangfire dashboard is for DelTran's operators: open to local requests in the embedded default,
    // behind an operator's key (X-Api-Key, or HTTP Basic in a browser) otherwise. It is mapped as an endpoint,
    // not as middleware, so that it is in the application's endpoint list like every other route (the
    // authorisation matrix test enumerates that list); the guard in front of it stays the same.
    private static void MapDashboard(WebApplication app, bool embedded)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/hangfire"), branch => branch.Use(async (context, next) =>
        {
            bool local = context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address);
            string? name = context.RequestServices.GetRequiredService<OperatorAuthentication>().Authenticate(context.Request);
            if (name is not null || (embedded && local))
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    await next(context);
                    return;
                }

                // A dashboard action (trigger, requeue, delete) goes to the operators' audit log like an API call. The form
                // read here is kept by ASP.NET Core, so the dashboard reads the same values.
                var log = context.RequestServices.GetRequiredService<OperatorAuditLog>();
                string who = name ?? "local user (embedded default)";
                string action = "POST " + context.Request.Path.Value;
                string subject = context.Request.HasFormContentType
                    ? string.Join("; ", (await context.Request.ReadFormAsync(context.RequestAborted)).Select(f => $"{f.Key}={f.Value}"))
                    : action;
                await log.RecordAsync(who, action, subject, null, OperatorAuditLog.Requested, context.RequestAborted);
                await next(context);
                await log.RecordAsync(who, action, subject, null, OperatorAuditLog.Answered(context.Response.StatusCode), CancellationToken.None);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"DelTran operators\", charset=\"UTF-8\"";
        }));
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new GuardedByMiddleware()], DashboardTitle = "DelTran batch operations" });
    }
}
