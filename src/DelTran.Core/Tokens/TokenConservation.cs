using System.Globalization;

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
                problems.Add(Say($"{account}: balance {N(balance.Posted)}, but its postings sum to {N(postings)}."));
            }

            if (account.Kind == TokenAccountKind.Participant && (balance.Posted < 0m || balance.Locked < 0m || balance.Locked > balance.Posted))
            {
                problems.Add(Say($"{account}: {N(balance.Posted)} held and {N(balance.Locked)} locked; tokens are never below zero and never more locked than held."));
            }
        }

        var pendingLocks = book.Operations
            .Where(o => o is { IsPending: true, Kind: TokenOperationKind.Burn } or { IsPending: true, Kind: TokenOperationKind.Transfer, TwoPhase: true })
            .GroupBy(o => TokenAccountId.Of(o.Participant, o.Currency))
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
        foreach (TokenAccountId account in book.Balances.Keys.Where(a => a.Kind == TokenAccountKind.Participant).Union(pendingLocks.Keys))
        {
            decimal locked = book.Balances.GetValueOrDefault(account).Locked;
            decimal held = pendingLocks.GetValueOrDefault(account);
            if (locked != held)
            {
                problems.Add(Say($"{account}: {N(locked)} locked, but its pending transfers and burns hold {N(held)}."));
            }
        }

        TokenSupply supply = Supply(book);
        if (supply.Suspense < 0m)
        {
            problems.Add(Say($"x{code}: suspense {N(supply.Suspense)} is below zero."));
        }

        if (!supply.Backed)
        {
            problems.Add(Say($"x{code}: reserve {N(supply.Reserve)} is not outstanding {N(supply.Outstanding)} plus suspense {N(supply.Suspense)}."));
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
            problems.Add(Say($"x{code}: the bank's statement gives the reserve account {N(bank)}, DelTran's ledger {N(supply.Reserve)}."));
        }

        return problems;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Amounts as read back differ in scale between the stores (101 or 101.0): problems name them without trailing zeros.
    private static decimal N(decimal amount) => amount / 1.000000000000000000000000000000000m;
}
