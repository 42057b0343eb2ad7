using DelTran.Host.Infrastructure.Hosting;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// Loads the sanctions lists as the service starts, so the first batch is not held up by them, and reports a refused
/// list as not ready ("sanctions" in /health/ready) until a retry loads it.
/// </summary>
public sealed partial class SanctionsWarmUp(SanctionsProvider sanctions, HealthState health, ILogger<SanctionsWarmUp> logger) : BackgroundService
{
    public const string Component = "sanctions";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan backoff = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Parsing the lists and building the index is CPU work of a second or more: off the start-up path.
            string? problem = await Task.Run(() => sanctions.TryLoad(out string? reason) ? null : reason, stoppingToken);
            if (problem is null)
            {
                health.Report(Component, healthy: true, null);
                return;
            }

            health.Report(Component, healthy: false, problem);
            LogNotLoaded(logger, backoff, problem);
            await Task.Delay(backoff, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sanctions lists not loaded, screening cannot run ({Reason}); retrying in {Backoff}")]
    private static partial void LogNotLoaded(ILogger logger, TimeSpan backoff, string reason);
}
