namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

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
