using System.Collections.Concurrent;
using DelTran.Host.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

/// <summary>
/// At start-up and every few seconds, picks up the windows that a run left half way (or settled without writing their
/// reports) and whose lease is free or ran out: a killed instance's windows are finished by its restart or by another
/// instance within seconds of its lease expiring. Each window runs on its own, so one window's slow bank holds no other.
/// </summary>
public sealed partial class UnfinishedWindowSweeper(IServiceProvider services, ClearingCycle cycle, IOptions<ClearingOptions> options, TimeProvider clock, ILogger<UnfinishedWindowSweeper> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock);
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        List<string> windows;
        try
        {
            windows = await cycle.UnclaimedAsync(clock.GetUtcNow(), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, ex.Message);
            return;
        }

        foreach (string windowId in windows)
        {
            // The run waits for its own entry to be in place, so its removal can never come before it.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running.TryAdd(windowId, registered.Task))
            {
                _running[windowId] = ContinueAsync(windowId, registered.Task, stoppingToken);
                registered.SetResult();
            }
        }
    }

    private async Task ContinueAsync(string windowId, Task registered, CancellationToken stoppingToken)
    {
        await registered;
        try
        {
            CycleResult result = await cycle.ContinueAsync(windowId, retry: false, stoppingToken);
            LogContinued(logger, windowId, result.State ?? "-", result.Message);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Left as it is: the next sweep tries again once the lease is free.
            LogContinueFailed(logger, windowId, ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _running.TryRemove(windowId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: window {WindowId} carried on to {State}. {Message}")]
    private static partial void LogContinued(ILogger logger, string windowId, string state, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep: window {WindowId} not finished ({Reason}); the next sweep tries again")]
    private static partial void LogContinueFailed(ILogger logger, string windowId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep for unfinished windows failed ({Reason}); trying again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
