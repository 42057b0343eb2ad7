namespace DelTran.Core.Iso20022;

// Content as read from the wire: text exactly as written, not yet checked against the rulebook.
// Business rules turn a CreditTransferRecord into a CreditTransfer (typed values) or into issues.

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
