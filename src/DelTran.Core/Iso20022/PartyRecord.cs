namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

/// <summary>A party (debtor, creditor, ultimate parties, initiating party).</summary>
public sealed record PartyRecord(string? Name, PostalAddressRecord? Address, string? CountryOfResidence, string? OrganisationBic, string? Lei);
