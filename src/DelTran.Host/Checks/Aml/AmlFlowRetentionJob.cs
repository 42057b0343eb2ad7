using DelTran.Host.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Aml;

/// <summary>
/// Hourly: deletes the <c>aml_flows</c> rows no AML rule can read any more, those older than the rulebook's longest
/// window plus <see cref="AmlRetentionOptions.Margin"/>, a batch per statement until none is left. Safe to run twice
/// or on two instances at once: each batch deletes what is still there.
/// </summary>
public sealed partial class AmlFlowRetentionJob(
    Func<DelTranDbContext> databases,
    IDatabaseDialect dialect,
    IOptions<AmlOptions> aml,
    IOptions<AmlRetentionOptions> retention,
    TimeProvider clock,
    ILogger<AmlFlowRetentionJob> logger)
{
    public const string RecurringId = "prune-aml-flows";

    /// <summary>Deletes the flows older than the cut-off; returns how many.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset before = aml.Value.ToRulebook().FlowsNeededSince(clock.GetUtcNow(), retention.Value.Margin);
        int batch = retention.Value.BatchSize;
        long deleted = 0;
        int last;
        do
        {
            // One statement per batch, each committed by itself: the stages' writes wait at most one batch.
            using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
            await using DelTranDbContext db = databases();
            last = await dialect.DeleteAmlFlowsAsync(db, before, batch, cancellationToken);
            deleted += last;
        }
        while (last == batch);

        LogPruned(logger, deleted, before);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AML history: deleted {Deleted} flows older than {Before:O}, which no rule reads any more")]
    private static partial void LogPruned(ILogger logger, long deleted, DateTimeOffset before);
}
