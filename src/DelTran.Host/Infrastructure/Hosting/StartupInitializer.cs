using DelTran.Host.Infrastructure.Persistence;
namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>
/// Migrates and seeds the database when the service starts, retrying with back-off while the database
/// cannot be reached; until then the service reports not-ready and refuses new files with 503.
/// </summary>
public sealed partial class StartupInitializer(DatabaseInitializer initializer, HealthState health, IHostApplicationLifetime lifetime, ILogger<StartupInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _heldMessages;

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>How many consumed messages the start-up gate (<see cref="Messaging.StartupGateFilter{T}"/>) holds right now.</summary>
    public int HeldMessages => Volatile.Read(ref _heldMessages);

    public Task Ready => _ready.Task;

    /// <summary>Why the database was refused for good (a foreign schema history); the service then stops and `serve` exits with it.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Waits for the start-up of this host when it has one (`deltran serve` migrates in the background); completes at once
    /// where nothing migrates at run time (`deltran process` migrates before it starts anything).
    /// </summary>
    public static Task WhenReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(StartupInitializer)) is StartupInitializer { IsReady: false } startup
            ? startup.Ready.WaitAsync(cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>As <see cref="WhenReadyAsync"/>, for a consumed message: counted in <see cref="HeldMessages"/> while it waits.</summary>
    public static async Task HoldUntilReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService(typeof(StartupInitializer)) is StartupInitializer { IsReady: false } startup)
        {
            Interlocked.Increment(ref startup._heldMessages);
            try
            {
                await startup.Ready.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref startup._heldMessages);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await initializer.InitializeAsync(stoppingToken);
                health.Report("database", healthy: true, null);
                _ready.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DatabaseRefusedException ex)
            {
                // Retrying cannot help: the database's history stays foreign. Stop, and let `serve` say why.
                Refusal = ex.Message;
                health.Report("database", healthy: false, ex.Message);
                LogRefused(logger, ex.Message);
                lifetime.StopApplication();
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                health.Report("database", healthy: false, ex.Message);
                LogNotReady(logger, backoff, ex.Message);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready ({Reason}); retrying in {Backoff}")]
    private static partial void LogNotReady(ILogger logger, TimeSpan backoff, string reason);
}
