using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// The token ledger's invariants for one currency, checked after every operation in the tests, by `deltran check` and by
/// the service's monitor: every balance equals its postings; no participant account below zero and no more locked than
/// held; what is locked is exactly what pending transfers and burns hold; reserve = outstanding + suspense; every posted
/// mint, burn and refund backed by exactly one bank confirmation; and, when the bank's statement is given, the reserve
/// equal to the bank's balance.
/// </summary>
public static class TokenConservation
{
    public static TokenSupply Supply(TokenBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var participants = book.Balances.Where(b => b.Key.Kind == TokenAccountKind.Participant).Select(b => b.Value).ToList();
        return new TokenSupply(
            book.Currency,
            participants.Sum(b => b.Posted),
            participants.Sum(b => b.Locked),
            -book.Balances.GetValueOrDefault(TokenAccountId.ReserveOf(book.Currency)).Posted,
            book.Balances.GetValueOrDefault(TokenAccountId.SuspenseOf(book.Currency)).Posted,
            book.Operations.Where(o => o is { Kind: TokenOperationKind.Mint, IsPending: true }).Sum(o => o.Amount));
    }

    /// <summary>
    /// A reconciliation of the book with the bank's statement of the reserve: <paramref name="bankReserve"/> null means the
    /// bank gave no statement, and nothing was compared (not a difference).
    /// </summary>
    public static TokenReconciliation Reconcile(TokenBook book, decimal? bankReserve)
    {
        ArgumentNullException.ThrowIfNull(book);
        TokenSupply supply = Supply(book);
        if (bankReserve is null)
        {
            return new TokenReconciliation(supply, null, Matches: false, ["The bank gave no statement of the reserve account: nothing was compared."]);
        }

        IReadOnlyList<string> problems = Check(book with { BankReserveBalance = bankReserve });
        return new TokenReconciliation(supply, bankReserve, problems.Count == 0, problems);
    }

    public static IReadOnlyList<string> Check(TokenBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var problems = new List<string>();
        string code = book.Currency.Code;
        foreach (TokenAccountId account in book.Balances.Keys.Union(book.LedgerSums.Keys).OrderBy(a => a.LedgerAccount, StringComparer.Ordinal))
        {
            TokenBalance balance = book.Balances.GetValueOrDefault(account);
            decimal postings = book.LedgerSums.GetValueOrDefault(account);
            if (balance.Posted != postings)
            {
                problems.Add(Say($"{account}: balance {Decimals.Plain(balance.Posted)}, but its postings sum to {Decimals.Plain(postings)}."));
            }

            if (account.Kind == TokenAccountKind.Participant && (balance.Posted < 0m || balance.Locked < 0m || balance.Locked > balance.Posted))
            {
                problems.Add(Say($"{account}: {Decimals.Plain(balance.Posted)} held and {Decimals.Plain(balance.Locked)} locked; tokens are never below zero and never more locked than held."));
            }
        }

        var pendingLocks = book.Operations
            .Where(o => o is { IsPending: true, Kind: TokenOperationKind.Burn or TokenOperationKind.Correction } or { IsPending: true, Kind: TokenOperationKind.Transfer, TwoPhase: true })
            .GroupBy(o => TokenAccountId.Of(o.Participant, o.Currency))
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
        foreach (TokenAccountId account in book.Balances.Keys.Where(a => a.Kind == TokenAccountKind.Participant).Union(pendingLocks.Keys))
        {
            decimal locked = book.Balances.GetValueOrDefault(account).Locked;
            decimal held = pendingLocks.GetValueOrDefault(account);
            if (locked != held)
            {
                problems.Add(Say($"{account}: {Decimals.Plain(locked)} locked, but its pending transfers, burns and corrections hold {Decimals.Plain(held)}."));
            }
        }

        TokenSupply supply = Supply(book);
        if (supply.Suspense < 0m)
        {
            problems.Add(Say($"x{code}: suspense {Decimals.Plain(supply.Suspense)} is below zero."));
        }

        if (!supply.Backed)
        {
            problems.Add(Say($"x{code}: reserve {Decimals.Plain(supply.Reserve)} is not outstanding {Decimals.Plain(supply.Outstanding)} plus suspense {Decimals.Plain(supply.Suspense)}."));
        }

        foreach (var confirmation in book.Operations.Where(o => o.ConfirmationId is not null).GroupBy(o => o.ConfirmationId!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(Say($"x{code}: bank confirmation {confirmation.Key} backs {confirmation.Count()} operations ({string.Join(", ", confirmation.Select(o => o.Id))})."));
        }

        foreach (TokenOperation unbacked in book.Operations.Where(o => o is { Status: TokenOperationStatus.Posted, Kind: TokenOperationKind.Mint or TokenOperationKind.Burn or TokenOperationKind.Refund, ConfirmationId: null }))
        {
            problems.Add(Say($"x{code}: {unbacked.Kind.ToString().ToLowerInvariant()} {unbacked.Id} is posted without a bank confirmation."));
        }

        if (book.BankReserveBalance is decimal bank && bank != supply.Reserve)
        {
            problems.Add(Say($"x{code}: the bank's statement gives the reserve account {Decimals.Plain(bank)}, DelTran's ledger {Decimals.Plain(supply.Reserve)}."));
        }

        return problems;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

}
