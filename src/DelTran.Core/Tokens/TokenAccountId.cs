using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// A token account: a participant's (by its BIC8) or one of DelTran's, in one currency. <see cref="LedgerAccount"/> is the
/// account's name in the ledger, which never equals a BIC, so token postings and settlement postings share one ledger.
/// </summary>
public readonly record struct TokenAccountId
{
    public const string ParticipantPrefix = "TOKEN:";
    public const string ReserveAccount = "TOKEN-RESERVE";
    public const string SuspenseAccount = "TOKEN-SUSPENSE";

    private TokenAccountId(TokenAccountKind kind, string? participant, Currency currency)
    {
        Kind = kind;
        Participant = participant;
        Currency = currency;
    }

    public TokenAccountKind Kind { get; }

    /// <summary>The participant's BIC8; null for DelTran's own accounts.</summary>
    public string? Participant { get; }

    public Currency Currency { get; }

    public string LedgerAccount => Kind switch
    {
        TokenAccountKind.Participant => ParticipantPrefix + Participant,
        TokenAccountKind.Reserve => ReserveAccount,
        _ => SuspenseAccount,
    };

    public static TokenAccountId Of(string participant, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (participant.Length != 8)
        {
            throw new ArgumentException($"A token account belongs to a BIC8, not '{participant}'.", nameof(participant));
        }

        return new TokenAccountId(TokenAccountKind.Participant, participant, currency);
    }

    public static TokenAccountId ReserveOf(Currency currency) => new(TokenAccountKind.Reserve, null, currency);

    public static TokenAccountId SuspenseOf(Currency currency) => new(TokenAccountKind.Suspense, null, currency);

    /// <summary>Reads a ledger account name back; false for a name that is no token account (a settlement account).</summary>
    public static bool TryParse(string ledgerAccount, Currency currency, out TokenAccountId account)
    {
        ArgumentNullException.ThrowIfNull(ledgerAccount);
        account = default;
        if (ledgerAccount == ReserveAccount)
        {
            account = ReserveOf(currency);
        }
        else if (ledgerAccount == SuspenseAccount)
        {
            account = SuspenseOf(currency);
        }
        else if (ledgerAccount.StartsWith(ParticipantPrefix, StringComparison.Ordinal) && ledgerAccount.Length == ParticipantPrefix.Length + 8)
        {
            account = Of(ledgerAccount[ParticipantPrefix.Length..], currency);
        }
        else
        {
            return false;
        }

        return true;
    }

    public override string ToString() => $"{LedgerAccount} {Currency.Code}";
}
