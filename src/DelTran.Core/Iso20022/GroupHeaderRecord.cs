namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

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
