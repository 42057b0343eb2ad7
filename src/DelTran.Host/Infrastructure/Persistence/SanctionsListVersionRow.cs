namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// Every version of a sanctions list DelTran has seen: LOADED (in force from <see cref="RecordedAt"/> until a newer one)
/// or REFUSED (broken or truncated; the previous version stayed in force). Append only.
/// </summary>
public sealed class SanctionsListVersionRow
{
    public long Id { get; set; }

    /// <summary>The primary file's name: the key under which a version replaces the previous one.</summary>
    public required string Source { get; set; }

    public string? ListId { get; set; }

    public string? Format { get; set; }

    public DateOnly? PublicationDate { get; set; }

    public required string Sha256 { get; set; }

    public int Entries { get; set; }

    /// <summary>LOADED or REFUSED.</summary>
    public required string Status { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
