namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// Every version of the FX rate table DelTran has seen, once: LOADED (in force from <see cref="RecordedAt"/> until a
/// newer one) or REFUSED (broken; the previous version stayed in force). <see cref="Content"/> is the rates file's
/// text exactly as read (inline rates are written out in the same format), so an auditor can reprice any recorded
/// conversion from it. Append only.
/// </summary>
public sealed class FxRateVersionRow
{
    public long Id { get; set; }

    /// <summary>"FX-" and the first 16 hex digits of <see cref="Sha256"/>: what transaction_fx rows name.</summary>
    public required string VersionId { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>LOADED or REFUSED.</summary>
    public required string Status { get; set; }

    /// <summary>"file:" and the file's full path, or "configuration" for inline rates.</summary>
    public required string Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The earliest start and the latest end of the quotes' validity; null for a refused version.</summary>
    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidTo { get; set; }

    public int Quotes { get; set; }

    public required string Content { get; set; }

    /// <summary>Why a version was refused: its errors, one per line.</summary>
    public string? Reason { get; set; }
}
