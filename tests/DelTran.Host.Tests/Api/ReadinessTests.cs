using System.Net;
using System.Text.Json;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DelTran.Host.Tests.Api;

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
        await using HeldStartup hold = await HeldStartup.InstallAndHoldAsync(database);

        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, database, waitForStartup: false);
        StartupInitializer startup = server.Services.GetRequiredService<StartupInitializer>();
        HealthState health = server.Services.GetRequiredService<HealthState>();

        // Everything else readiness looks at is up: the bus is connected and the outbox loop has run.
        await HeldStartup.WaitForOutboxLoopAsync(health);
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
        await hold.ReleaseAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await startup.Ready.WaitAsync(timeout.Token);
        await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        using HttpResponseMessage served = await client.GetAsync(new Uri($"/api/v1/messages/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task HealthReady_Returns503_WhileAConfiguredSanctionsListIsRefused_AndRecoversWhenTheFileIsFixed()
    {
        string lists = Directory.CreateTempSubdirectory("deltran-lists-").FullName;
        try
        {
            string broken = Path.Combine(lists, "un.xml");
            await File.WriteAllTextAsync(broken, "<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"2026-11-01T00:00:00\"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>");
            await using ApiServer server = await ApiServer.StartAsync(
                PipelineMode.Embedded, waitForReady: false, extraSettings: new Dictionary<string, string?> { ["DelTran:Compliance:Lists:0"] = lists });
            HealthState health = server.Services.GetRequiredService<HealthState>();

            // Loaded at start, not at the first batch: the refusal is visible before any file arrives.
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (!health.Snapshot().ContainsKey(SanctionsWarmUp.Component) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(health.Snapshot().TryGetValue(SanctionsWarmUp.Component, out var sanctions), "the sanctions lists were not loaded at start");
            Assert.False(sanctions.Healthy);
            Assert.Contains("un.xml", sanctions.Detail, StringComparison.Ordinal);
            using HttpClient client = server.Client();
            using (HttpResponseMessage ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

                // Not a bare "Unhealthy": each check with its status and reason, and the refused list named.
                JsonElement body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
                JsonElement loops = Assert.Single(body.GetProperty("checks").EnumerateArray(), c => c.GetProperty("data").ValueKind == JsonValueKind.Object && c.GetProperty("data").TryGetProperty(SanctionsWarmUp.Component, out _));
                Assert.Equal("Unhealthy", loops.GetProperty("status").GetString());
                Assert.Contains("un.xml", loops.GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.StartsWith("unhealthy: ", loops.GetProperty("data").GetProperty(SanctionsWarmUp.Component).GetString(), StringComparison.Ordinal);
            }

            // The operator removes the broken file; the next retry loads what is left and the instance is ready.
            File.Delete(broken);
            await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            Assert.True(health.Snapshot()[SanctionsWarmUp.Component].Healthy);
        }
        finally
        {
            Directory.Delete(lists, recursive: true);
        }
    }

    [Fact]
    public async Task AQueuedCommand_WaitsForTheStartUp_InsteadOfMeetingATableTheMigrationHasNotWritten()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();

        // The start-up is held (as above) while a command reaches the instance's queue.
        await using HeldStartup hold = await HeldStartup.InstallAndHoldAsync(database);
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, database, waitForStartup: false);
        HealthState health = server.Services.GetRequiredService<HealthState>();
        await HeldStartup.WaitForOutboxLoopAsync(health);

        Guid command = Guid.CreateVersion7();
        StartupInitializer startup = server.Services.GetRequiredService<StartupInitializer>();
        int heldBefore = startup.HeldMessages;
        await server.Services.GetRequiredService<MassTransit.IPublishEndpoint>().Publish(new CompleteMessage(command, Guid.NewGuid()));

        // The command has reached the instance and waits at the start-up gate, instead of meeting the tables.
        DateTime held = DateTime.UtcNow.AddSeconds(60);
        while (startup.HeldMessages <= heldBefore && !await ConsumedAsync(database, command) && DateTime.UtcNow < held)
        {
            await Task.Delay(50);
        }

        Assert.False(await ConsumedAsync(database, command), "the command was consumed before the start-up finished");
        Assert.True(startup.HeldMessages > heldBefore, "the command never reached the start-up gate");
        Assert.False(startup.IsReady);

        // Released: the start-up finishes, then the command is consumed.
        await hold.ReleaseAsync();
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await ConsumedAsync(database, command) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await ConsumedAsync(database, command), "the command was not consumed after the start-up");
    }

    private static async Task<bool> ConsumedAsync(PostgresDatabase database, Guid command)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM consumed_messages WHERE message_id = @id", connection);
        query.Parameters.AddWithValue("id", command);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }
}

/// <summary>
/// An installation that exists already (an earlier instance migrated and seeded it) and another session holding its
/// participant registry, so a new instance's start-up seeding waits deterministically until <see cref="ReleaseAsync"/>.
/// </summary>
internal sealed class HeldStartup : IAsyncDisposable
{
    private readonly NpgsqlConnection _holder;
    private readonly NpgsqlTransaction _hold;

    private HeldStartup(NpgsqlConnection holder, NpgsqlTransaction hold) => (_holder, _hold) = (holder, hold);

    public static async Task<HeldStartup> InstallAndHoldAsync(PostgresDatabase database)
    {
        await using (await PipelineHost.StartAsync(PipelineMode.Production, shared: new SharedInstallation("held" + Guid.NewGuid().ToString("N")[..10], null, database), start: false))
        {
        }

        var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        NpgsqlTransaction hold = await holder.BeginTransactionAsync();
        await using (var lockRegistry = new NpgsqlCommand("LOCK TABLE participants IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await lockRegistry.ExecuteNonQueryAsync();
        }

        return new HeldStartup(holder, hold);
    }

    /// <summary>Waits until the bus is connected and the outbox loop waits for the start-up: everything but the start-up is up.</summary>
    public static async Task WaitForOutboxLoopAsync(HealthState health)
    {
        static bool Waiting(HealthState health) => health.Snapshot().TryGetValue("outbox", out var outbox) && outbox.Detail == OutboxDispatcher.WaitingForStartup;
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Waiting(health) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Waiting(health), "the outbox loop did not come up to wait for the start-up");
    }

    public Task ReleaseAsync() => _hold.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _hold.DisposeAsync();
        await _holder.DisposeAsync();
    }
}

