namespace DelTran.Host.Api;

/// <summary>The rate table in force on this instance (all but the pivot null when none loaded), and the last refused version.</summary>
public sealed record FxRatesView(
    string Pivot,
    string? Version,
    string? Sha256,
    string? Source,
    DateTimeOffset? LoadedAt,
    IReadOnlyList<FxQuoteView>? Quotes,
    FxRefusedVersion? LastRefused);
