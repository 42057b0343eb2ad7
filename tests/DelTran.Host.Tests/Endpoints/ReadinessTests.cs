using System.Net;
using DelTran.Host.Hosting;
using DelTran.Host.Tests.Infrastructure;
using DelTran.Host.Tests.Pipeline;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DelTran.Host.Tests.Endpoints;

/// <summary>
/// /health/ready is what a load balancer or an orchestrator trusts: it must not say ready while the API still
/// refuses work. The test holds the instance in its startup (migration and seeding) deterministically by keeping
/// the participant registry locked from another connection, instead of hoping to catch a short window.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task HealthReady_Returns503_WhileTheApiStillRefusesWorkDuringStartup()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        string prefix = "ready" + Guid.NewGuid().ToString("N")[..10];

        // The installation exists already (an earlier instance migrated and seeded it).
        await using (await PipelineHost.StartAsync(PipelineMode.Production, shared: new SharedInstallation(prefix, null, database), start: false))
        {
        }

        // Another session holds the participant registry: this instance's startup seeding waits for it.
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using NpgsqlTransaction hold = await holder.BeginTransactionAsync();
        await using (var lockRegistry = new NpgsqlCommand("LOCK TABLE participants IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await lockRegistry.ExecuteNonQueryAsync();
        }

        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, database, waitForStartup: false);
        StartupInitializer startup = server.Services.GetRequiredService<StartupInitializer>();
        HealthState health = server.Services.GetRequiredService<HealthState>();

        // Everything else readiness looks at is up: the bus is connected and the outbox loop has run.
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(health.Snapshot().TryGetValue("outbox", out var outbox) && outbox.Healthy) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(health.Snapshot().TryGetValue("outbox", out var loop) && loop.Healthy, "the outbox loop did not come up");
        Assert.False(startup.IsReady);
        using HttpClient client = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using (HttpResponseMessage refused = await client.GetAsync(new Uri($"/api/v1/messages/{Guid.NewGuid()}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        using (HttpResponseMessage ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"/health/ready answered {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()} while the API refuses work with 503");
        }

        // Released: the instance finishes its startup by itself and then takes work.
        await hold.CommitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await startup.Ready.WaitAsync(timeout.Token);
        await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        using HttpResponseMessage served = await client.GetAsync(new Uri($"/api/v1/messages/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }
}
