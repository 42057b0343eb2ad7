namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>An amount as written: its text and its Ccy attribute.</summary>
public sealed record AmountRecord(string Text, string? Currency);

/// <summary>A financial institution identification (agent).</summary>
public sealed record AgentRecord(string? Bic, string? ClearingMemberId, string? Lei, string? Name);

/// <summary>
/// A PostalAddress24 as written, every element of it: a structured address may carry a building name, floor, room or
/// district, and a message mapped from it must not drop them.
/// </summary>
public sealed record PostalAddressRecord(
    string? StreetName,
    string? BuildingNumber,
    string? PostCode,
    string? TownName,
    string? CountrySubDivision,
    string? Country,
    IReadOnlyList<string> AddressLines,
    string? Department = null,
    string? SubDepartment = null,
    string? BuildingName = null,
    string? Floor = null,
    string? PostBox = null,
    string? Room = null,
    string? TownLocationName = null,
    string? DistrictName = null,
    AddressTypeRecord? AddressType = null);

/// <summary>An address type (AdrTp): an ISO code (ADDR, PBOX, HOME, BIZZ, MLTO, DLVY), or a proprietary one with its issuer.</summary>
public sealed record AddressTypeRecord(string? Code, string? ProprietaryId, string? ProprietaryIssuer, string? ProprietaryScheme);

/// <summary>A party (debtor, creditor, ultimate parties, initiating party).</summary>
public sealed record PartyRecord(string? Name, PostalAddressRecord? Address, string? CountryOfResidence, string? OrganisationBic, string? Lei);

/// <summary>A cash account: either an IBAN or another identification.</summary>
public sealed record AccountRecord(string? Iban, string? OtherId, string? Currency, string? Name);

/// <summary>Optional Business Application Header (head.001.001.02) that preceded the document.</summary>
public sealed record BusinessHeaderRecord(string? FromBic, string? ToBic, string? BusinessMessageId, string? MessageDefinitionId, string? CreationDate);

/// <summary>The group header shared by pacs.008 and pain.001.</summary>
public sealed record GroupHeaderRecord(
    string Path,
    string? MessageId,
    string? CreationDateTime,
    string? NumberOfTransactions,
    string? ControlSum,
    AmountRecord? TotalInterbankSettlementAmount,
    string? InterbankSettlementDate,
    string? SettlementMethod,
    AgentRecord? InstructingAgent,
    AgentRecord? InstructedAgent,
    PartyRecord? InitiatingParty);

/// <summary>A pain.001 payment information block: the debtor side shared by its transactions.</summary>
public sealed record PaymentInformationRecord(
    int Index,
    string Path,
    string? PaymentInformationId,
    string? PaymentMethod,
    string? NumberOfTransactions,
    string? ControlSum,
    string? RequestedExecutionDate,
    PartyRecord? Debtor,
    AccountRecord? DebtorAccount,
    AgentRecord? DebtorAgent,
    PartyRecord? UltimateDebtor,
    string? ChargeBearer,
    string? ServiceLevel,
    string? LocalInstrument,
    string? CategoryPurpose);

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
