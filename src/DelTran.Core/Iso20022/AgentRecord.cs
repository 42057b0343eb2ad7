namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>A financial institution identification (agent).</summary>
public sealed record AgentRecord(string? Bic, string? ClearingMemberId, string? Lei, string? Name);
