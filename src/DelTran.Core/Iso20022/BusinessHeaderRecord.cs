namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>Optional Business Application Header (head.001.001.02) that preceded the document.</summary>
public sealed record BusinessHeaderRecord(string? FromBic, string? ToBic, string? BusinessMessageId, string? MessageDefinitionId, string? CreationDate);
