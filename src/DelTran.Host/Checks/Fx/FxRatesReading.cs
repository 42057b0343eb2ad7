using DelTran.Core.Fx;

namespace DelTran.Host.Checks.Fx;

/// <summary>
/// One reading of the rates: its version id and SHA-256 (both from the content alone, so every instance names a
/// version alike), where it came from, the text as read, and either the table or the errors that refused it.
/// </summary>
public sealed record FxRatesReading(string VersionId, string Sha256, string Source, string Content, FxRateTable? Table, IReadOnlyList<FxRatesError> Errors)
{
    public bool IsLoaded => Table is not null;

    public string? RefusalReason => IsLoaded ? null : string.Join("\n", Errors.Take(20).Select(e => e.ToString()));
}
