namespace DelTran.Host.Api;

/// <summary>One quote of the rate table in force, and whether it is valid now.</summary>
public sealed record FxQuoteView(string Pair, decimal Bid, decimal Ask, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, bool ValidNow);

/// <summary>The last version that was refused, and why.</summary>
public sealed record FxRefusedVersion(string Version, string Source, string? Reason);

/// <summary>The rate table in force on this instance (all but the pivot null when none loaded), and the last refused version.</summary>
public sealed record FxRatesView(
    string Pivot,
    string? Version,
    string? Sha256,
    string? Source,
    DateTimeOffset? LoadedAt,
    IReadOnlyList<FxQuoteView>? Quotes,
    FxRefusedVersion? LastRefused);

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
