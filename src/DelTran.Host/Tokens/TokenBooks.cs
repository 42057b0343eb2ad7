using DelTran.Core.Amounts;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DelTran.Host.Tokens;

/// <summary>
/// Reads the token ledger as <see cref="TokenConservation"/> checks it, one book per currency: the accounts' balances,
/// each account's sum of token postings, and the operations that hold tokens or carry a bank confirmation. The sums are
/// made here, not in SQL, because the embedded store keeps decimals as text.
/// </summary>
public static class TokenBooks
{
    public static async Task<List<TokenBook>> LoadAsync(DelTranDbContext db, CancellationToken cancellationToken)
    {
        // One snapshot for the three reads, so a transfer committing between them is never seen half: repeatable read on
        // PostgreSQL, and on SQLite a read transaction (WAL readers see one snapshot). A caller's own transaction is used as it is.
        await using IDbContextTransaction? snapshot = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, cancellationToken)
            : null;
        string[] kinds = [.. TokenRows.KindCodes];
        var sums = new Dictionary<(string Account, Currency Currency), decimal>();
        await foreach (var e in db.LedgerEntries.AsNoTracking().Where(e => kinds.Contains(e.Kind)).Select(e => new { e.Account, e.Currency, e.Amount }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            sums[(e.Account, e.Currency)] = sums.GetValueOrDefault((e.Account, e.Currency)) + e.Amount;
        }

        List<TokenAccountRow> accounts = await db.TokenAccounts.AsNoTracking().ToListAsync(cancellationToken);
        TokenOperationStatus pending = TokenOperationStatus.Pending;
        List<TokenOperation> operations = [.. (await db.TokenOperations.AsNoTracking().Where(o => o.Status == pending || o.ConfirmationId != null).ToListAsync(cancellationToken)).Select(TokenRows.ToCore)];
        IEnumerable<Currency> currencies = accounts.Select(a => a.Currency).Concat(sums.Keys.Select(k => k.Currency)).Concat(operations.Select(o => o.Currency)).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal);
        return [.. currencies.Select(currency => new TokenBook(
            currency,
            accounts.Where(a => a.Currency == currency).ToDictionary(TokenRows.AccountId, a => new TokenBalance(a.Posted, a.Locked)),
            sums.Where(s => s.Key.Currency == currency).ToDictionary(s => AccountOf(s.Key.Account, currency), s => s.Value),
            [.. operations.Where(o => o.Currency == currency)]))];
    }

    private static TokenAccountId AccountOf(string account, Currency currency) =>
        TokenAccountId.TryParse(account, currency, out TokenAccountId id) ? id : throw StoredValueException.Unreadable("ledger_entries.account", account, "a token account");
}
