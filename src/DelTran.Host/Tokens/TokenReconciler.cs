using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tokens;

/// <summary>
/// Reconciles each currency's token reserve with the bank's own statement of the reserve account, every
/// <see cref="TokenOptions.ReconcileInterval"/> (daily by default) and on an operator's demand (`deltran tokens reconcile`).
/// Each reconciliation is recorded; a difference is logged as an error and halts new token operations until a later
/// reconciliation agrees (<see cref="TokenGuard"/>).
/// </summary>
public sealed partial class TokenReconciler(IServiceProvider services, Func<DelTranDbContext> databases, IBankGateway banks, TokenGuard guard, IOptions<TokenOptions> options, TimeProvider clock, ILogger<TokenReconciler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.ReconcileInterval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReconcileAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One reconciliation of every currency; answers the recorded rows.</summary>
    public async Task<IReadOnlyList<TokenReconciliationRow>> ReconcileAsync(CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        List<TokenBook> books = await TokenBooks.LoadAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        var rows = new List<TokenReconciliationRow>(books.Count);
        var differing = new List<TokenReconciliationRow>();
        foreach (TokenBook book in books)
        {
            TokenReconciliation reconciliation = TokenConservation.Reconcile(book, await banks.ReserveBalanceAsync(book.Currency.Code, cancellationToken));
            rows.Add(new TokenReconciliationRow
            {
                Currency = book.Currency,
                At = now,
                LedgerReserve = reconciliation.Supply.Reserve,
                BankReserve = reconciliation.BankReserve,
                Outstanding = reconciliation.Supply.Outstanding,
                Suspense = reconciliation.Supply.Suspense,
                Matches = reconciliation.Matches,
                Problems = reconciliation.Problems.Count == 0 ? null : string.Join(" ", reconciliation.Problems),
            });
            if (reconciliation.Differs)
            {
                differing.Add(rows[^1]);
            }
        }

        db.TokenReconciliations.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        foreach (TokenReconciliationRow row in differing)
        {
            LogDifference(logger, row.Currency.Code, row.LedgerReserve, row.BankReserve, row.Problems ?? string.Empty);
        }

        guard.Reconciled(differing.Count == 0 ? null : string.Join(" ", differing.Select(r => r.Problems)));
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Token reserve in {Currency} does not reconcile: ledger {Ledger}, bank {Bank}: {Problems}")]
    private static partial void LogDifference(ILogger logger, string currency, decimal ledger, decimal? bank, string problems);
}
