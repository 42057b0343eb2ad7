using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// One FI to FI customer credit transfer (CdtTrfTxInf) to write. Agents are BICs, as DelTran addresses
/// participants; parties, accounts and remittance are carried as read from the original message.
/// </summary>
public sealed record InterbankTransfer
{
    public string? InstructionId { get; init; }

    public required string EndToEndId { get; init; }

    public required string TransactionId { get; init; }

    public required Uetr Uetr { get; init; }

    /// <summary>What settles between the agents through DelTran (IntrBkSttlmAmt).</summary>
    public required Money InterbankSettlementAmount { get; init; }

    /// <summary>Null: the next clearing window.</summary>
    public DateOnly? InterbankSettlementDate { get; init; }

    /// <summary>What the debtor instructed (InstdAmt), in its own currency when that differs.</summary>
    public Money? InstructedAmount { get; init; }

    /// <summary>XchgRate: units of the settlement currency per unit of the instructed currency.</summary>
    public decimal? ExchangeRate { get; init; }

    public ChargeBearer ChargeBearer { get; init; } = ChargeBearer.Shared;

    public string? ServiceLevel { get; init; }

    public string? LocalInstrument { get; init; }

    public string? CategoryPurpose { get; init; }

    public required Bic InstructingAgent { get; init; }

    public required Bic InstructedAgent { get; init; }

    public PartyRecord? UltimateDebtor { get; init; }

    public required PartyRecord Debtor { get; init; }

    public AccountRecord? DebtorAccount { get; init; }

    public required Bic DebtorAgent { get; init; }

    public required Bic CreditorAgent { get; init; }

    public required PartyRecord Creditor { get; init; }

    public AccountRecord? CreditorAccount { get; init; }

    public PartyRecord? UltimateCreditor { get; init; }

    public string? Purpose { get; init; }

    /// <summary>Unstructured remittance (RmtInf/Ustrd), one element per line.</summary>
    public IReadOnlyList<string> RemittanceLines { get; init; } = [];

    /// <summary>Structured creditor reference (RmtInf/Strd/CdtrRefInf/Ref).</summary>
    public string? CreditorReference { get; init; }
}
