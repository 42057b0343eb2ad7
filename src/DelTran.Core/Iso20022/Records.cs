namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>An amount as written: its text and its Ccy attribute.</summary>
public sealed record AmountRecord(string Text, string? Currency);
