using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Tokens;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Reports;

/// <summary>
/// Writes each currency's token statements and proof of reserves once a day is over in its time zone: at start and every
/// <see cref="TokenOptions.DailyReportsInterval"/>, every finished day without them since the first token posting is written,
/// so days missed while the service was down are caught up. A failed pass is logged and tried again at the next.
/// </summary>
public sealed partial class TokenReportScheduler(IServiceProvider services, TokenDailyReports reports, IOptions<TokenOptions> options, TimeProvider clock, ILogger<TokenReportScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.DailyReportsInterval, clock);
            do
            {
                try
                {
                    foreach (string day in await reports.CatchUpAsync(stoppingToken))
                    {
                        LogWritten(logger, day);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token statements and proof of reserves written: {Day}")]
    private static partial void LogWritten(ILogger logger, string day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Token daily reports failed; tried again at the next pass")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
