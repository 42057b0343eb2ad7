using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>Direction of an entry or balance (CreditDebitCode).</summary>
public enum CreditDebit
{
    /// <summary>CRDT: money into the account.</summary>
    Credit,

    /// <summary>DBIT: money out of the account.</summary>
    Debit,
}

/// <summary>
/// A bank transaction code: the ISO structured code (domain, family, sub-family) and/or a proprietary code.
/// At least one of the two is present.
/// </summary>
public sealed record BankTransactionCode
{
    private BankTransactionCode(string? domain, string? family, string? subFamily, string? proprietary, string? issuer)
    {
        Domain = domain;
        Family = family;
        SubFamily = subFamily;
        Proprietary = proprietary;
        Issuer = issuer;
    }

    /// <summary>PMNT / ICDT / XBCT: cross-border credit transfer sent (debits the sender's account).</summary>
    public static BankTransactionCode CrossBorderCreditTransferIssued { get; } = Iso("PMNT", "ICDT", "XBCT");

    /// <summary>PMNT / RCDT / XBCT: cross-border credit transfer received (credits the receiver's account).</summary>
    public static BankTransactionCode CrossBorderCreditTransferReceived { get; } = Iso("PMNT", "RCDT", "XBCT");

    public string? Domain { get; }

    public string? Family { get; }

    public string? SubFamily { get; }

    public string? Proprietary { get; }

    public string? Issuer { get; }

    public static BankTransactionCode Iso(string domain, string family, string subFamily)
    {
        // Each is an external code of 1 to 4 characters; a longer one is a programming error.
        RequireCode(domain, nameof(domain));
        RequireCode(family, nameof(family));
        RequireCode(subFamily, nameof(subFamily));
        return new BankTransactionCode(domain, family, subFamily, null, null);
    }

    public static BankTransactionCode ProprietaryCode(string code, string? issuer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new BankTransactionCode(null, null, null, code, issuer);
    }

    /// <summary>The structured code with a proprietary one beside it (both are allowed together).</summary>
    public BankTransactionCode WithProprietary(string code, string? issuer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new BankTransactionCode(Domain, Family, SubFamily, code, issuer);
    }

    private static void RequireCode(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4)
        {
            throw new ArgumentException($"'{value}' is not a bank transaction code (1 to 4 characters).", name);
        }
    }
}

/// <summary>The account a statement is for: Othr/Id (e.g. "DLTR-SRCBINBB-INR"), its currency, owner and servicer.</summary>
public sealed record StatementAccount(string Id, Currency Currency)
{
    public string? Name { get; init; }

    /// <summary>Ownr: the participant, identified by its BIC.</summary>
    public Bic? Owner { get; init; }

    /// <summary>Svcr: the institution that keeps the account, DelTran itself.</summary>
    public Bic? Servicer { get; init; }
}

/// <summary>A booked balance: a signed amount (negative is a debit balance) on a date.</summary>
public sealed record StatementBalance(Money Amount, DateOnly Date)
{
    public CreditDebit Direction => Amount.Amount < 0m ? CreditDebit.Debit : CreditDebit.Credit;
}

/// <summary>
/// The totals for TxsSummry, known before the entries are written so the entries stream once. The writer
/// checks them against the entries as they go by and against the balances before it starts.
/// Sums are of the (positive) entry amounts.
/// </summary>
public sealed record StatementSummary(int CreditEntries, decimal CreditSum, int DebitEntries, decimal DebitSum)
{
    public static StatementSummary Empty { get; } = new(0, 0m, 0, 0m);

    public int Entries => CreditEntries + DebitEntries;

    /// <summary>Sum of all entries regardless of direction, as TtlNtries/Sum carries it.</summary>
    public decimal Sum => CreditSum + DebitSum;

    /// <summary>Credits less debits: what the entries move the balance by.</summary>
    public decimal Net => CreditSum - DebitSum;

    /// <summary>The summary with one more entry: for callers that accumulate totals while booking.</summary>
    public StatementSummary Add(StatementEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Direction == CreditDebit.Credit
            ? this with { CreditEntries = CreditEntries + 1, CreditSum = CreditSum + entry.Amount.Amount }
            : this with { DebitEntries = DebitEntries + 1, DebitSum = DebitSum + entry.Amount.Amount };
    }

    /// <summary>Totals of entries already in memory.</summary>
    public static StatementSummary Of(IEnumerable<StatementEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        StatementSummary summary = Empty;
        foreach (StatementEntry entry in entries)
        {
            summary = summary.Add(entry);
        }

        return summary;
    }
}

/// <summary>
/// One underlying transaction of a batch entry (NtryDtls/TxDtls): its references, its own amount and direction as
/// seen from the account, and the other party's agent (RltdAgts/DbtrAgt for a credit, CdtrAgt for a debit).
/// </summary>
public sealed record StatementTransaction(string EndToEndId, Uetr? Uetr, Money Amount, CreditDebit Direction, Bic? CounterpartyAgent);

/// <summary>
/// One booked entry (Ntry) on the account: a positive amount with its direction. NtryDtls describes what it books:
/// for a batch booking (<see cref="BatchTransactionCount"/> set), Btch/NbOfTxs and one TxDtls per listed
/// <see cref="Transactions"/> (none when they are too many and are named in <see cref="AdditionalInformation"/>
/// instead); for a single booking, one TxDtls with the entry's own references and counterparty agent, when any is given.
/// </summary>
public sealed record StatementEntry(
    string EntryReference,
    Money Amount,
    CreditDebit Direction,
    DateOnly BookingDate,
    DateOnly ValueDate,
    BankTransactionCode BankTransactionCode)
{
    public string? AccountServicerReference { get; init; }

    public string? EndToEndId { get; init; }

    public Uetr? Uetr { get; init; }

    public string? TransactionId { get; init; }

    public string? InstructionId { get; init; }

    /// <summary>
    /// The other participant: for a credit, the debtor agent that paid (RltdAgts/DbtrAgt); for a debit, the
    /// creditor agent paid (RltdAgts/CdtrAgt).
    /// </summary>
    public Bic? CounterpartyAgent { get; init; }

    /// <summary>AddtlNtryInf (Max500Text).</summary>
    public string? AdditionalInformation { get; init; }

    /// <summary>NtryDtls/Btch/NbOfTxs: how many transactions the entry books together; null for a single booking.</summary>
    public long? BatchTransactionCount { get; init; }

    /// <summary>The batch's transactions written as TxDtls, at most <see cref="BatchTransactionCount"/> of them.</summary>
    public IReadOnlyList<StatementTransaction> Transactions { get; init; } = [];

    internal bool HasDetails => EndToEndId is not null || Uetr is not null || TransactionId is not null
        || InstructionId is not null || CounterpartyAgent is not null;
}

/// <summary>
/// A camt.053.001.08 bank-to-customer statement with one Stmt. <see cref="Entries"/> is enumerated once,
/// while writing, so it may be a lazy sequence of any length.
/// </summary>
public sealed record Statement(
    string MessageId,
    DateTimeOffset CreationDateTime,
    string StatementId,
    StatementAccount Account,
    DateTimeOffset FromDateTime,
    DateTimeOffset ToDateTime,
    StatementBalance OpeningBalance,
    StatementBalance ClosingBalance,
    StatementSummary Summary)
{
    /// <summary>ElctrncSeqNb: the statement's sequence number for this account.</summary>
    public long? ElectronicSequenceNumber { get; init; }

    public IEnumerable<StatementEntry> Entries { get; init; } = [];
}
