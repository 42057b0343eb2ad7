using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tokens;

/// <summary>
/// The token ledger's scheduled conservation check in `serve`: every <see cref="TokenOptions.CheckInterval"/> it reads the
/// books in one snapshot and checks them (<see cref="TokenConservation"/>). A break is logged as an error and halts new
/// token operations (mints, burns, transfers, windows in tokens) until a later check finds the books sound; what is
/// already pending still converges, and the clearing windows settle through the banks meanwhile.
/// </summary>
public sealed partial class TokenGuard(IServiceProvider services, Func<DelTranDbContext> databases, IOptions<TokenOptions> options, TimeProvider clock, ILogger<TokenGuard> logger)
    : BackgroundService
{
    private volatile string? _haltReason;
    private volatile string? _reconciliationBreak;

    /// <summary>Why token operations are halted (a conservation break, or a reserve that does not reconcile with the bank); null while all is sound.</summary>
    public string? HaltReason => _haltReason ?? _reconciliationBreak;

    /// <summary>The last reconciliation's verdict: null when the reserve agrees with the bank's statement, else the difference.</summary>
    public void Reconciled(string? difference) =>
        _reconciliationBreak = difference is null ? null : "the token reserve does not reconcile with the bank's statement: " + difference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
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

    /// <summary>One check; answers the problems found (empty when sound), or null when the books could not be read.</summary>
    public async Task<IReadOnlyList<string>?> CheckOnceAsync(CancellationToken cancellationToken)
    {
        List<string> problems;
        try
        {
            await using DelTranDbContext db = databases();
            problems = [.. (await TokenBooks.LoadAsync(db, cancellationToken)).SelectMany(TokenConservation.Check)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not a verdict: the database may be away; the halt, if any, stays as it was.
            LogCheckFailed(logger, ex.Message);
            return null;
        }

        if (problems.Count > 0)
        {
            _haltReason = $"{problems.Count} token ledger problems, the first: {problems[0]}";
            LogHalted(logger, problems.Count, string.Join(" | ", problems.Take(20)));
        }
        else if (_haltReason is not null)
        {
            _haltReason = null;
            LogResumed(logger);
        }

        return problems;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Token ledger broken, token operations halted: {Count} problems: {Problems}")]
    private static partial void LogHalted(ILogger logger, int count, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token ledger sound again: token operations resumed")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token ledger check could not run ({Reason}); the next one tries again")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
