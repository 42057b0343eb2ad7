using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

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
