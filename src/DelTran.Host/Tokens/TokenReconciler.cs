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
        foreach (TokenBook book in books)
        {
            decimal? bank = await banks.ReserveBalanceAsync(book.Currency.Code, cancellationToken);
            IReadOnlyList<string> problems = bank is null ? [] : TokenConservation.Check(book with { BankReserveBalance = bank });
            TokenSupply supply = TokenConservation.Supply(book);
            rows.Add(new TokenReconciliationRow
            {
                Currency = book.Currency,
                At = now,
                LedgerReserve = supply.Reserve,
                BankReserve = bank,
                Outstanding = supply.Outstanding,
                Suspense = supply.Suspense,
                Matches = bank is not null && problems.Count == 0,
                Problems = bank is null ? "The bank gave no statement of the reserve account: nothing was compared." : problems.Count == 0 ? null : string.Join(" ", problems),
            });
        }

        db.TokenReconciliations.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        List<TokenReconciliationRow> differing = [.. rows.Where(r => r.BankReserve is not null && !r.Matches)];
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
