using DelTran.Core.Invariants;
using DelTran.Host.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Invariants;

/// <summary>
/// The scheduled form of `deltran check` in `serve`: logs every break, and reports "conservation" to readiness, so a
/// load balancer or an operator's probe sees at once when money is no longer conserved.
/// </summary>
public sealed partial class InvariantMonitor(IServiceProvider services, InvariantSnapshotLoader loader, HealthState health, IOptions<InvariantOptions> options, TimeProvider clock, ILogger<InvariantMonitor> logger)
    : BackgroundService
{
    public const string Component = "conservation";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), clock);
            do
            {
                await CheckOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task<InvariantReport?> CheckOnceAsync(CancellationToken cancellationToken)
    {
        InvariantReport report;
        try
        {
            report = InvariantCheck.Evaluate(await loader.LoadAsync(null, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not a verdict: the database may be away, which readiness reports on its own.
            LogCheckFailed(logger, ex.Message);
            return null;
        }

        foreach (InvariantBreak broken in report.Breaks)
        {
            LogBreak(logger, broken.Invariant, broken.Kind, broken.Message, string.Join("; ", broken.Rows));
        }

        string? detail = report.Conserved ? null : string.Join(" ", report.Breaks.Where(b => b.Kind == BreakKind.Conservation).Select(b => $"{b.Invariant}: {b.Message}"));
        health.Report(Component, report.Conserved, detail);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invariant {Invariant} broken ({Kind}): {Message} Rows: {Rows}")]
    private static partial void LogBreak(ILogger logger, string invariant, BreakKind kind, string message, string rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invariant check could not run ({Reason}); the next one tries again")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
