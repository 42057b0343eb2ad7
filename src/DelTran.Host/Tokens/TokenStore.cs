using DelTran.Core.Amounts;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tokens;

/// <summary>
/// Reads and writes of the token ledger. Accounts are locked in one order (account, currency) so that concurrent
/// operations on PostgreSQL wait for each other instead of deadlocking; the embedded store has one writer. A change is
/// saved whole: operations, ledger postings, balances and one outbox event per operation, in the caller's transaction.
/// </summary>
public static class TokenStore
{
    public static async Task<Dictionary<TokenAccountId, TokenAccountRow>> LockAsync(DelTranDbContext db, IDatabaseDialect dialect, IEnumerable<TokenAccountId> accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TokenAccountId[] wanted = [.. accounts.Distinct().OrderBy(a => a.LedgerAccount, StringComparer.Ordinal).ThenBy(a => a.Currency.Code, StringComparer.Ordinal)];
        string[] names = [.. wanted.Select(a => a.LedgerAccount)];
        string[] currencies = [.. wanted.Select(a => a.Currency.Code)];
        List<TokenAccountRow> rows = dialect.IsPostgres
            ? await db.TokenAccounts.FromSql(
                $"SELECT a.* FROM token_accounts a JOIN unnest({names}, {currencies}) AS k(n, c) ON a.account = k.n AND a.currency = k.c ORDER BY a.account, a.currency FOR UPDATE OF a")
                .ToListAsync(cancellationToken)
            : await db.TokenAccounts.Where(a => names.Contains(a.Account)).ToListAsync(cancellationToken);
        var byId = rows.Select(r => (Id: TokenRows.AccountId(r), Row: r)).Where(r => wanted.Contains(r.Id)).ToDictionary(r => r.Id, r => r.Row);
        foreach (TokenAccountId missing in wanted.Where(a => !byId.ContainsKey(a)))
        {
            // An account no operation touched yet: created empty, in this transaction (the key makes a racing twin fail, and its operation retry).
            TokenAccountRow row = TokenRows.NewAccount(missing, now);
            db.TokenAccounts.Add(row);
            byId[missing] = row;
        }

        return byId;
    }

    public static Dictionary<TokenAccountId, TokenBalance> Balances(Dictionary<TokenAccountId, TokenAccountRow> rows) =>
        rows.ToDictionary(r => r.Key, r => new TokenBalance(r.Value.Posted, r.Value.Locked));

    public static async Task<Dictionary<string, TokenOperationRow>> OperationsAsync(DelTranDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await db.TokenOperations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// What a decision knows of the participants it names (whether each exists, whether it is suspended) and the currencies
    /// DelTran issues: only those participants are read, so a request costs the same however many participants there are.
    /// </summary>
    public static async Task<TokenParties> PartiesAsync(DelTranDbContext db, IEnumerable<string> currencies, IEnumerable<string> participants, CancellationToken cancellationToken)
    {
        string[] named = [.. participants.Distinct(StringComparer.Ordinal)];
        var found = await db.Participants.AsNoTracking().Where(p => named.Contains(p.Bic)).Select(p => new { p.Bic, p.Suspended }).ToListAsync(cancellationToken);
        return new TokenParties(
            found.Select(p => p.Bic).ToHashSet(StringComparer.Ordinal),
            found.Where(p => p.Suspended).Select(p => p.Bic).ToHashSet(StringComparer.Ordinal),
            currencies.Select(Currency.Parse).ToHashSet());
    }

    /// <summary>Saves an accepted change: the operations (new or updated), their postings (under <paramref name="windowId"/> for a window settled in tokens), the locked accounts' balances, an event each.</summary>
    public static void Save(DelTranDbContext db, TokenChange change, Dictionary<TokenAccountId, TokenAccountRow> accounts, Dictionary<string, TokenOperationRow> stored, DateTimeOffset now, string? windowId = null)
    {
        if (change.Replayed)
        {
            return;
        }

        foreach (TokenOperation operation in change.Operations)
        {
            if (stored.TryGetValue(operation.Id, out TokenOperationRow? row))
            {
                TokenRows.Copy(operation, row);
            }
            else
            {
                db.TokenOperations.Add(TokenRows.ToRow(operation));
            }

            Outbox.Add(db, TokenEvents.Changed(operation, now), now);
        }

        db.LedgerEntries.AddRange(change.Postings.Select(p => TokenRows.ToEntry(p, now, windowId)));
        foreach ((TokenAccountId account, TokenBalanceChange delta) in change.Balances)
        {
            TokenAccountRow row = accounts[account];
            row.Posted += delta.Posted;
            row.Locked += delta.Locked;
            row.UpdatedAt = now;
        }
    }
}
