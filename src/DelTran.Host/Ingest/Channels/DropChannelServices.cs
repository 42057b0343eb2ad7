using DelTran.Host.Infrastructure.Hosting;

namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// Runs one polling loop per participant folder of a channel. A folder or server that cannot be reached is
/// reported through <see cref="HealthState"/> as "&lt;channel&gt;:&lt;BIC8&gt;" and tried again with back-off;
/// a file that could not be stored (database unreachable) was put back, and the loop backs off the same way.
/// </summary>
public abstract partial class DropChannelService(
    string channel,
    DropChannelOptions options,
    DropFolderRegistry registry,
    IngestService ingest,
    HealthState health,
    TimeProvider clock,
    IServiceProvider services,
    ILogger logger) : BackgroundService
{
    protected DropFolderRegistry Registry => registry;

    protected DropChannelOptions Options => options;

    protected TimeProvider Clock => clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        try
        {
            // `deltran serve` migrates the database in the background: take no file before it is ready.
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);

            IReadOnlyList<IDropFolder> folders = registry.Folders(channel);
            LogStarting(logger, channel, folders.Count, options.PollInterval);
            var loops = folders.Select(folder => Task.Run(() => PollLoopAsync(folder, stoppingToken), stoppingToken)).ToList();
            loops.Add(WatchAsync(stoppingToken));
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A channel's own periodic check beside the folder loops.</summary>
    protected virtual Task WatchAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    private async Task PollLoopAsync(IDropFolder folder, CancellationToken stoppingToken)
    {
        var poller = new DropFolderPoller(folder, ingest, options, clock, logger);
        string component = channel + ":" + folder.Participant;
        TimeSpan backoff = TimeSpan.Zero;
        bool laidOut = false;
        bool healthy = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait = options.PollInterval;
            try
            {
                if (!laidOut)
                {
                    await folder.EnsureLayoutAsync(stoppingToken);
                    laidOut = true;
                }

                PollResult result = await poller.PollAsync(stoppingToken);
                health.Report(component, healthy: true, null);
                if (!healthy)
                {
                    LogReachable(logger, component, folder.Location);
                    healthy = true;
                }

                backoff = result.StoreFailure is null ? TimeSpan.Zero : Next(backoff);
                wait = backoff > wait ? backoff : wait;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                backoff = Next(backoff);
                wait = backoff;
                laidOut = false;
                healthy = false;
                health.Report(component, healthy: false, ex.Message);
                LogUnreachable(logger, component, folder.Location, backoff, ex.Message);
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan Next(TimeSpan backoff) =>
        backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} channel: polling {Folders} participant folders every {Interval}")]
    private static partial void LogStarting(ILogger logger, string channel, int folders, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Component}: {Location} cannot be reached ({Reason}); retrying in {Backoff}")]
    private static partial void LogUnreachable(ILogger logger, string component, string location, TimeSpan backoff, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Component}: {Location} is reachable again")]
    private static partial void LogReachable(ILogger logger, string component, string location);
}
