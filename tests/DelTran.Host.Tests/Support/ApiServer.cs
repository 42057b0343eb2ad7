using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Support;

/// <summary>
/// `deltran serve` in the test process: <see cref="ServeHost.Build"/> on real Kestrel at 127.0.0.1 on a free
/// port, on the embedded default or on PostgreSQL and RabbitMQ, talked to over real HTTP.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    /// <summary>A broker address where nothing listens: the bus never connects, so nothing is ever dispatched.</summary>
    public const string UnreachableRabbitMq = "amqp://guest:guest@127.0.0.1:1/";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly PostgresDatabase? _ownedDatabase;

    private ApiServer(WebApplication app, Uri baseAddress, string directory, PostgresDatabase? database, PostgresDatabase? ownedDatabase, string endpointPrefix)
    {
        _app = app;
        BaseAddress = baseAddress;
        _directory = directory;
        Database = database;
        _ownedDatabase = ownedDatabase;
        EndpointPrefix = endpointPrefix;
    }

    public Uri BaseAddress { get; }

    /// <summary>The PostgreSQL database in production mode; null on the embedded default.</summary>
    public PostgresDatabase? Database { get; }

    public string EndpointPrefix { get; }

    public IServiceProvider Services => _app.Services;

    public Func<DelTranDbContext> Db => Services.GetRequiredService<Func<DelTranDbContext>>();

    /// <summary>The demo key of a participant (README, "HTTP API"): demo-&lt;bic8 in lower case&gt;-key.</summary>
    public static string DemoKey(string bic8) => $"demo-{bic8.ToLowerInvariant()}-key";

    /// <summary>
    /// Starts the service. In production mode it gets a fresh database unless <paramref name="database"/> is given,
    /// and the test RabbitMQ unless <paramref name="rabbitMq"/> names another broker.
    /// </summary>
    /// <param name="mode">The embedded default, or PostgreSQL and RabbitMQ.</param>
    /// <param name="database">In production mode, an existing database to share; null for a fresh one.</param>
    /// <param name="rabbitMq">In production mode, another broker than the test RabbitMQ.</param>
    /// <param name="waitForStartup">Wait until the database is migrated and seeded (the API refuses work with 503 before).</param>
    /// <param name="waitForReady">Also wait until /health/ready answers 200.</param>
    /// <param name="extraSettings">Configuration on top of the test defaults (for example the bank endpoints).</param>
    /// <param name="configure">Adds to the configuration last, over the test settings (a recording source, for instance).</param>
    public static async Task<ApiServer> StartAsync(PipelineMode mode, PostgresDatabase? database = null, string? rabbitMq = null, bool waitForStartup = true, bool waitForReady = true, IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IConfigurationBuilder>? configure = null)
    {
        string prefix = "api" + Guid.NewGuid().ToString("N")[..10];
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Bus:EndpointPrefix"] = prefix;
        settings["Logging:LogLevel:Default"] = "Warning";

        foreach ((string key, string? value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // The embedded database, and the reports of closed windows, in a folder of the test's own (in either mode).
        string directory = Directory.CreateTempSubdirectory("deltran-api-").FullName;
        PostgresDatabase? owned = null;
        if (mode == PipelineMode.Production)
        {
            database ??= owned = await PostgresDatabase.CreateAsync();
            settings["ConnectionStrings:deltran"] = database.ConnectionString;
            settings["ConnectionStrings:rabbitmq"] = rabbitMq ?? TestServers.RabbitMqUri.ToString();
        }

        IConfigurationBuilder builder = PipelineHost.Settings(settings);
        configure?.Invoke(builder);
        IConfiguration configuration = builder.Build();
        WebApplication app = ServeHost.Build(["--urls", "http://127.0.0.1:0"], configuration, directory);
        try
        {
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var server = new ApiServer(app, new Uri(address), directory, database, owned, prefix);
            if (waitForStartup)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await app.Services.GetRequiredService<StartupInitializer>().Ready.WaitAsync(timeout.Token);
            }

            if (waitForStartup && waitForReady)
            {
                await server.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            }

            return server;
        }
        catch
        {
            await app.DisposeAsync();
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>An HTTP client for this server; with a key, every request carries it in X-Api-Key.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public Task<HttpResponseMessage> SubmitAsync(string bic8, byte[] body, string contentType = "application/xml") => Submit(BaseAddress, DemoKey(bic8), body, contentType);

    /// <summary>POSTs raw bytes to /api/v1/messages of any DelTran at <paramref name="baseAddress"/>.</summary>
    public static async Task<HttpResponseMessage> Submit(Uri baseAddress, string apiKey, byte[] body, string contentType = "application/xml")
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }

    /// <summary>Submits and expects 202; returns the file id.</summary>
    public async Task<Guid> SubmitAcceptedAsync(string bic8, byte[] body)
    {
        using HttpResponseMessage response = await SubmitAsync(bic8, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Polls GET /api/v1/messages/{id} until its state is COMPLETED; returns that status document (outcomes: the first only).</summary>
    public Task<JsonElement> WaitForCompletionAsync(string bic8, Guid id, TimeSpan? timeout = null) => WaitForCompletion(BaseAddress, DemoKey(bic8), id, timeout);

    public static async Task<JsonElement> WaitForCompletion(Uri baseAddress, string apiKey, Guid id, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        string last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri($"/api/v1/messages/{id}?limit=1", UriKind.Relative));
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    JsonElement status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    if (status.GetProperty("state").ValueKind == JsonValueKind.String && status.GetProperty("state").GetString() == "COMPLETED")
                    {
                        return status;
                    }
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Message {id} did not complete in time; last answer {last}");
    }

    /// <summary>Polls /health/ready until it answers <paramref name="expected"/>.</summary>
    public Task WaitForHealthAsync(HttpStatusCode expected, TimeSpan timeout) => WaitForHealth(BaseAddress, expected, timeout);

    public static async Task WaitForHealth(Uri baseAddress, HttpStatusCode expected, TimeSpan timeout, Func<string>? context = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        DateTime deadline = DateTime.UtcNow + timeout;
        string last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == expected)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"/health/ready at {baseAddress} did not answer {(int)expected} within {timeout}; last: {last}{(context is null ? "" : Environment.NewLine + context())}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _app.StopAsync(stop.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            if (_ownedDatabase is not null)
            {
                await _ownedDatabase.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
