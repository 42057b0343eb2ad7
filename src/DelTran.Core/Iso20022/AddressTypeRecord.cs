namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>An address type (AdrTp): an ISO code (ADDR, PBOX, HOME, BIZZ, MLTO, DLVY), or a proprietary one with its issuer.</summary>
public sealed record AddressTypeRecord(string? Code, string? ProprietaryId, string? ProprietaryIssuer, string? ProprietaryScheme);
