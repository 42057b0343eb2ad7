namespace DelTran.Host.Api;

/// <summary>A recorded rate table version, loaded or refused; <c>content</c> only when one version is asked for.</summary>
public sealed record FxVersionView(
    string VersionId,
    string Status,
    string Source,
    string Sha256,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    int Quotes,
    string? Reason,
    string? Content);
