using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Infrastructure.Messaging;

public sealed partial class OutboxDispatcher(
    IServiceProvider services,
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    HealthState health,
    IBusControl bus,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>What the outbox loop reports once the bus is up and the start-up has not finished yet.</summary>
    public const string WaitingForStartup = "waiting for the database start-up";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Publishing before the bus has bound its queues would drop messages on the floor (RabbitMQ discards a
        // publish to an exchange nothing is bound to yet), so the first dispatch waits for a healthy bus.
        while (!stoppingToken.IsCancellationRequested && bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            health.Report("outbox", healthy: false, "waiting for the message bus");
            await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
        }

        // Nor before the start-up has migrated the database (`serve` migrates in the background): the outbox table may
        // not exist yet, and that is the expected order of a start, not a failure to log.
        try
        {
            health.Report("outbox", healthy: false, WaitingForStartup);
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        TimeSpan backoff = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int dispatched = await DispatchOnceAsync(stoppingToken);
                health.Report("outbox", healthy: true, null);
                backoff = options.Value.PollInterval;
                if (dispatched > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Broker or database away: nothing is lost (the rows stay), retry with back-off.
                health.Report("outbox", healthy: false, ex.Message);
                LogDispatchFailed(logger, backoff, ex);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.MaxBackoff.Ticks));
            }

            try
            {
                await signal.WaitAsync(backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes one batch of pending rows and marks them; returns how many.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DelTranDbContext>();
        var dialect = scope.ServiceProvider.GetRequiredService<IDatabaseDialect>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<OutboxRow> rows = await dialect.ClaimOutboxAsync(db, options.Value.BatchSize, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // Published together and awaited together: with publisher confirms on, each task completes once the broker
        // has its message, and the confirms of a batch arrive in one round trip rather than one after another.
        // Consumers never depend on the order of their commands.
        // The wait is bounded: a publish caught by a broker restart can wait for ever on a dead channel, and an unbounded
        // wait here would hold these rows (locked, so no other instance takes them) and stall the whole pipeline.
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publishes = new List<Task>(rows.Count);
        foreach (OutboxRow row in rows)
        {
            (object message, Type type) = Outbox.Read(row);
            publishes.Add(publisher.Publish(message, type, publishing.Token));
        }

        try
        {
            await Task.WhenAll(publishes).WaitAsync(options.Value.PublishTimeout, clock, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            await publishing.CancelAsync();
            _ = Task.WhenAll(publishes).ContinueWith(abandoned => abandoned.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException($"The broker did not confirm {rows.Count} outbox message(s) within {options.Value.PublishTimeout}; they stay undispatched and are published again.", ex);
        }

        DateTimeOffset dispatchedAt = clock.GetUtcNow();
        foreach (OutboxRow row in rows)
        {
            row.DispatchedAt = dispatchedAt;
            row.Attempts++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying in {Backoff}")]
    private static partial void LogDispatchFailed(ILogger logger, TimeSpan backoff, Exception exception);
}
