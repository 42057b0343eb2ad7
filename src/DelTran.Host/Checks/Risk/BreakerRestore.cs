using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using MassTransit;

namespace DelTran.Host.Checks.Risk;

/// <summary>
/// At start, reopens the breakers other instances left open (<see cref="BreakerService.RestoreAsync"/>): transitions
/// published before this instance's queue existed never reach it. It reads only once the bus is up, so that every
/// transition is either in what it reads or delivered on the queue; read earlier, one committed between the read and
/// the queue's binding would be in neither. Retries with back-off while the database is away.
/// </summary>
public sealed partial class BreakerRestore(BreakerService breakers, Func<DelTranDbContext> databases, IServiceProvider services, IBusControl bus, ILogger<BreakerRestore> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        try
        {
            // `deltran serve` migrates the database in the background: read nothing before it is ready.
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);

            // Healthy once every receive endpoint, this instance's breaker queue among them, is bound and consuming.
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
            while (true)
            {
                try
                {
                    await using DelTranDbContext db = databases();
                    int reopened = await breakers.RestoreAsync(db, stoppingToken);
                    LogRestored(logger, reopened);
                    return;
                }
                catch (Exception ex) when (DatabaseOutage.IsUnreachable(ex))
                {
                    LogRetrying(logger, backoff, ex.Message);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // A bug, not an outage: the service runs on with the breakers it learns from the bus rather than stop.
                    LogFailed(logger, ex);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit breakers: {Reopened} left open by other instances reopened here")]
    private static partial void LogRestored(ILogger logger, int reopened);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breakers not restored yet, the database cannot be reached ({Reason}); retrying in {Backoff}")]
    private static partial void LogRetrying(ILogger logger, TimeSpan backoff, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Circuit breakers left open by other instances could not be restored")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
