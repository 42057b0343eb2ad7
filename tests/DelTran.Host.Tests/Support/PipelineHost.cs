using DelTran.Core.Pipeline;
using DelTran.Host.Clearing;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Support;

public enum PipelineMode
{
    /// <summary>SQLite in a temporary folder and MassTransit's in-memory transport: the embedded default.</summary>
    Embedded,

    /// <summary>A fresh PostgreSQL database and the real RabbitMQ started by ./build.sh test.</summary>
    Production,
}

/// <summary>
/// A real DelTran pipeline for a test: the same services `deltran serve` and `deltran process` run, on
/// either the embedded default or PostgreSQL and RabbitMQ. Each host gets its own database and its own
/// queue prefix, unless a test shares them on purpose (two instances of one installation).
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _directory;
    private readonly PostgresDatabase? _database;

    private PipelineHost(IHost host, string? directory, PostgresDatabase? database)
    {
        _host = host;
        _directory = directory;
        _database = database;
    }

    public IServiceProvider Services => _host.Services;

    public Func<DelTranDbContext> Db => Services.GetRequiredService<Func<DelTranDbContext>>();

    public IngestService Ingest => Services.GetRequiredService<IngestService>();

    /// <summary>The configuration every pipeline test starts from: the demo participants, limits and corridors.</summary>
    public static Dictionary<string, string?> BaseSettings() => new(StringComparer.Ordinal)
    {
        ["DelTran:Compliance:SdnCsv"] = Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "sanctions", "demo_sdn.csv"),
        ["DelTran:Compliance:AltCsv"] = Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "sanctions", "demo_alt.csv"),
        ["DelTran:Outbox:PollInterval"] = "00:00:00.100",
    };

    /// <summary>The repository's appsettings.json under the test's own settings (every test host, API server included).</summary>
    public static IConfigurationBuilder Settings(Dictionary<string, string?> settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "appsettings.json"))
        .AddInMemoryCollection(settings);

    /// <summary>
    /// The pipeline's services on a database, migrated and seeded, with no bus started: for tests of the persistence
    /// pieces themselves (the dialect, the recorders) against the real server.
    /// </summary>
    public static async Task<ServiceProvider> ServicesAsync(StorageSettings storage)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(Settings(BaseSettings()).Build(), storage);
        ServiceProvider provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return provider;
    }

    public static async Task<PipelineHost> StartAsync(PipelineMode mode, Dictionary<string, string?>? settings = null, SharedInstallation? shared = null, bool start = true, Action<IServiceCollection>? compose = null)
    {
        IConfiguration configuration = Settings(settings ?? BaseSettings())
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DelTran:Bus:EndpointPrefix"] = shared?.EndpointPrefix ?? "t" + Guid.NewGuid().ToString("N")[..10],
            })
            .Build();

        string? directory = null;
        PostgresDatabase? database = null;
        StorageSettings storage;
        if (mode == PipelineMode.Embedded)
        {
            directory = shared?.Directory ?? Directory.CreateTempSubdirectory("deltran-pipeline-").FullName;
            storage = new StorageSettings(null, null, Path.Combine(directory, "deltran.db"));
        }
        else
        {
            if (shared?.Database is { } sharedDatabase)
            {
                storage = new StorageSettings(sharedDatabase.ConnectionString, TestServers.RabbitMqUri.ToString(), "unused");
            }
            else
            {
                database = await PostgresDatabase.CreateAsync();
                storage = new StorageSettings(database.ConnectionString, TestServers.RabbitMqUri.ToString(), "unused");
            }
        }

        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDelTranPipeline(builder.Configuration, storage);
        if (!string.IsNullOrEmpty(builder.Configuration["DelTran:Banks:BaseUrl"]))
        {
            // Clearing and settlement, with the reports in a folder of the test's own.
            builder.Services.AddClearing(builder.Configuration, Directory.CreateTempSubdirectory("deltran-reports-").FullName);
        }

        compose?.Invoke(builder.Services);
        IHost host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        if (start)
        {
            await host.StartAsync();
        }

        return new PipelineHost(host, shared is null ? directory : null, database);
    }

    public Task StartAsync() => _host.StartAsync();

    public Task StopAsync() => _host.StopAsync();

    public async Task<Guid> SubmitAsync(string participant, string xml)
    {
        IngestResult result = await Ingest.StoreAsync(participant, "test", "test.xml", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        return result.FileId;
    }

    /// <summary>Waits until the file's message has its pacs.002, then returns the message row.</summary>
    public async Task<MessageRow> WaitForCompletionAsync(Guid fileId, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            await using DelTranDbContext db = Db();
            MessageRow? message = await db.InboundFiles.AsNoTracking().Where(f => f.Id == fileId && f.MessageId != null)
                .Join(db.Messages, f => f.MessageId, m => m.Id, (f, m) => m).FirstOrDefaultAsync();
            if (message?.State == MessageLifecycle.Completed)
            {
                return message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"File {fileId} did not complete in time.");
    }

    public async Task<List<TransactionRow>> TransactionsAsync(Guid messageId)
    {
        await using DelTranDbContext db = Db();
        return await db.Transactions.AsNoTracking().Where(t => t.MessageId == messageId).OrderBy(t => t.Index).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }

            if (_directory is not null)
            {
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
}

/// <summary>What two instances of one installation share: the database and the queue names.</summary>
public sealed record SharedInstallation(string EndpointPrefix, string? Directory, PostgresDatabase? Database);
