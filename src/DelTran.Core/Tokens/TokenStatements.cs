using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Tokens;

/// <summary>
/// The daily token reports: a camt.053 per token account per calendar day in the currency's time zone (tokens move every
/// day, not only on banking days), and the currency's proof of reserves at the day's end. Both are functions of the
/// postings booked in the day, so a day's reports regenerated later are the same: the statement's creation time is the
/// day's end, not the time it was written.
/// </summary>
public static class TokenStatements
{
    public const string CodeIssuer = "DLTR";

    /// <summary>The proof of reserves file's columns, in order.</summary>
    public static IReadOnlyList<string> ProofColumns { get; } =
        ["currency", "day", "from", "to", "outstanding", "reserve", "suspense", "reserve_equals_outstanding_plus_suspense", "participant_accounts", "reconciled_at", "bank_reserve", "reconciliation_matched"];

    /// <summary>The day's bounds: from its local midnight (inclusive) to the next (exclusive), as instants in the zone's offset then.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Day(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (Midnight(day, zone), Midnight(day.AddDays(1), zone));
    }

    /// <summary>The statement's account id (Othr/Id, at most 34 characters): TOKEN-&lt;BIC8&gt;-INR, TOKEN-RESERVE-INR, TOKEN-SUSPENSE-INR.</summary>
    public static string AccountName(TokenAccountId account) => account.Kind switch
    {
        TokenAccountKind.Participant => $"TOKEN-{account.Participant}-{account.Currency.Code}",
        TokenAccountKind.Reserve => "TOKEN-RESERVE-" + account.Currency.Code,
        _ => "TOKEN-SUSPENSE-" + account.Currency.Code,
    };

    /// <summary>
    /// The camt.053 of <paramref name="account"/> for <paramref name="day"/>: opening booked balance at the day's start,
    /// one entry per posting in booking order (time, then operation id), closing = opening + Σ postings. The operation id
    /// goes in AddtlNtryInf (it may be longer than the 35 characters of a reference); the entry reference is the day and
    /// the entry's number. A zero posting, one outside the day, or another currency's is a bug upstream and throws.
    /// </summary>
    public static Statement Compose(TokenAccountId account, DateOnly day, TimeZoneInfo zone, decimal opening, IReadOnlyList<TokenMovement> movements, Bic owner, Bic servicer)
    {
        ArgumentNullException.ThrowIfNull(movements);
        (DateTimeOffset from, DateTimeOffset to) = Day(day, zone);
        Currency currency = account.Currency;
        string dayText = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        TokenMovement[] ordered = [.. movements.OrderBy(m => m.BookedAt).ThenBy(m => m.OperationId, StringComparer.Ordinal).ThenBy(m => m.SignedAmount)];
        var entries = new StatementEntry[ordered.Length];
        for (int i = 0; i < ordered.Length; i++)
        {
            TokenMovement movement = ordered[i];
            if (movement.SignedAmount == 0m || movement.BookedAt < from || movement.BookedAt >= to)
            {
                throw new ArgumentException($"Posting of {movement.OperationId} ({movement.SignedAmount} at {movement.BookedAt:O}) is empty or outside {day:yyyy-MM-dd}.", nameof(movements));
            }

            CreditDebit direction = movement.SignedAmount > 0m ? CreditDebit.Credit : CreditDebit.Debit;
            DateOnly booked = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(movement.BookedAt, zone).DateTime);
            entries[i] = new StatementEntry(
                string.Create(CultureInfo.InvariantCulture, $"{dayText}-{i + 1:D6}"),
                new Money(Math.Abs(movement.SignedAmount), currency),
                direction,
                booked,
                booked,
                BankTransactionCode.Iso("PMNT", direction == CreditDebit.Credit ? "RCDT" : "ICDT", "OTHR").WithProprietary("DELTRAN TOKEN " + movement.Kind.ToString().ToUpperInvariant(), CodeIssuer))
            {
                AdditionalInformation = Describe(movement, currency),
                CounterpartyAgent = movement.Counterparty is { } other && Bic.TryParse(other, out Bic agent) ? agent : null,
            };
        }

        StatementSummary summary = StatementSummary.Of(entries);
        string id = string.Create(CultureInfo.InvariantCulture, $"DLTT{dayText}{Compact(account)}");
        return new Statement(
            id,
            to,
            id,
            new StatementAccount(AccountName(account), currency) { Owner = owner, Servicer = servicer, Name = "x" + currency.Code + " token account" },
            from,
            to,
            new StatementBalance(new Money(opening, currency), day),
            new StatementBalance(new Money(opening + summary.Net, currency), day),
            summary)
        {
            ElectronicSequenceNumber = day.DayNumber,
            Entries = entries,
        };
    }

    /// <summary>The proof of reserves from each token account's balance at the day's end, and the day's last reconciliation with the bank, if any.</summary>
    public static ProofOfReserves Prove(Currency currency, DateOnly day, TimeZoneInfo zone, IReadOnlyDictionary<TokenAccountId, decimal> closing, TokenReconciliationFacts? reconciled)
    {
        ArgumentNullException.ThrowIfNull(closing);
        (DateTimeOffset from, DateTimeOffset to) = Day(day, zone);
        var participants = closing.Where(c => c.Key.Kind == TokenAccountKind.Participant && c.Key.Currency == currency).ToList();
        return new ProofOfReserves(
            currency,
            day,
            from,
            to,
            participants.Sum(c => c.Value),
            -closing.GetValueOrDefault(TokenAccountId.ReserveOf(currency)),
            closing.GetValueOrDefault(TokenAccountId.SuspenseOf(currency)),
            participants.Count,
            reconciled?.At,
            reconciled?.BankReserve,
            reconciled?.Matched);
    }

    /// <summary>The proof as one CSV row under <see cref="ProofColumns"/>.</summary>
    public static IReadOnlyList<string> ProofRow(ProofOfReserves proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        Currency c = proof.Currency;
        return
        [
            c.Code,
            proof.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Instant(proof.From),
            Instant(proof.To),
            Money.FormatAmount(proof.Outstanding, c),
            Money.FormatAmount(proof.Reserve, c),
            Money.FormatAmount(proof.Suspense, c),
            proof.Backed ? "true" : "false",
            proof.ParticipantAccounts.ToString(CultureInfo.InvariantCulture),
            proof.ReconciledAt is { } at ? Instant(at) : string.Empty,
            proof.BankReserve is { } bank ? Money.FormatAmount(bank, c) : string.Empty,
            proof.ReconciliationMatched switch { true => "true", false => "false", null => string.Empty },
        ];
    }

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    // A statement id (Max35Text): the account without separators, e.g. SRCBINBBINR, RESERVEINR.
    private static string Compact(TokenAccountId account) => (account.Participant ?? (account.Kind == TokenAccountKind.Reserve ? "RESERVE" : "SUSPENSE")) + account.Currency.Code;

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        DateTime local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (a DST change at 00:00) starts the day at the first valid instant after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Describe(TokenMovement movement, Currency currency)
    {
        string what = movement.Kind.ToString().ToUpperInvariant();
        string other = movement.Counterparty is null ? string.Empty : (movement.SignedAmount > 0m ? " from " : " to ") + movement.Counterparty;
        return $"x{currency.Code} {what} {movement.OperationId}{other}";
    }
}
