namespace DelTran.Core.Fx;

/// <summary>
/// What parsing a rates file gives: every quote that parsed, every error, and the table, which is built only when
/// there are no errors (a half-loaded rate file could price through a path nobody meant).
/// </summary>
public sealed record FxRatesParseResult(FxRateTable? Table, IReadOnlyList<FxQuote> Quotes, IReadOnlyList<FxRatesError> Errors)
{
    public bool Succeeded => Table is not null;
}
