namespace DelTran.Core.Screening;

/// <summary>
/// One loaded version of a list, what the integrator records: the list id, the file(s) it came from, the publication
/// date the file carries (null for OFAC's CSV, which carries none: use the download time), and the SHA-256 digest
/// (hex, lower case) of the file, or for a group of files (sdn.csv + alt.csv + add.csv) of the lines
/// "name digest" of its files in order.
/// </summary>
/// <summary>A list version as a list set's description names it: enough to find the file among the recorded versions.</summary>
public sealed record DescribedListVersion(string Source, string? ListId, DateOnly? PublicationDate, string? Sha256);
