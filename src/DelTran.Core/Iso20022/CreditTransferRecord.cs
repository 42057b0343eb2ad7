namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>
/// One credit transfer as read. For pain.001 the debtor-side fields are taken from the payment
/// information block; <see cref="PaymentInformation"/> says which, for error paths.
/// </summary>
public sealed record CreditTransferRecord
{
    public required int Index { get; init; }
    public required string Path { get; init; }
    public PaymentInformationRecord? PaymentInformation { get; init; }

    /// <summary>Element name that carries an agent's BIC in this message version: BICFI, or BIC in pain.001.001.03.</summary>
    public required string AgentBicElement { get; init; }

    public string? InstructionId { get; init; }
    public string? EndToEndId { get; init; }
    public string? TransactionId { get; init; }
    public string? Uetr { get; init; }

    /// <summary>The amount that settles between the agents: IntrBkSttlmAmt (pacs.008) or the instructed amount (pain.001).</summary>
    public AmountRecord? Amount { get; init; }

    /// <summary>Path of <see cref="Amount"/> below the transaction, e.g. "/IntrBkSttlmAmt" or "/Amt/InstdAmt".</summary>
    public string AmountPath { get; init; } = "/IntrBkSttlmAmt";

    public AmountRecord? InstructedAmount { get; init; }
    public string? ExchangeRate { get; init; }

    /// <summary>IntrBkSttlmDt (transaction or group level) or, for pain.001, ReqdExctnDt.</summary>
    public string? SettlementDate { get; init; }

    public string? ChargeBearer { get; init; }
    public string? ServiceLevel { get; init; }
    public string? LocalInstrument { get; init; }
    public string? CategoryPurpose { get; init; }
    public string? Purpose { get; init; }
    public AgentRecord? InstructingAgent { get; init; }
    public AgentRecord? InstructedAgent { get; init; }
    public AgentRecord? IntermediaryAgent1 { get; init; }
    public AgentRecord? DebtorAgent { get; init; }
    public AgentRecord? CreditorAgent { get; init; }
    public PartyRecord? UltimateDebtor { get; init; }
    public PartyRecord? Debtor { get; init; }
    public AccountRecord? DebtorAccount { get; init; }
    public PartyRecord? Creditor { get; init; }
    public AccountRecord? CreditorAccount { get; init; }
    public PartyRecord? UltimateCreditor { get; init; }
    public IReadOnlyList<string> RemittanceLines { get; init; } = [];
    public string? CreditorReference { get; init; }

    /// <summary>Path of a debtor-side element: in the payment information block for pain.001, else in the transaction.</summary>
    public string DebtorSidePath(string relative) => (PaymentInformation?.Path ?? Path) + relative;
}
