namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>A cash account: either an IBAN or another identification.</summary>
public sealed record AccountRecord(string? Iban, string? OtherId, string? Currency, string? Name);
