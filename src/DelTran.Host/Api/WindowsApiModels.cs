namespace DelTran.Host.Api;

/// <summary>A window's figures; an open window's are counted live. <c>nettingEfficiency</c> is the fraction with four decimals.</summary>
public sealed record WindowSummary(
    string Id,
    string Currency,
    string State,
    DateTimeOffset OpenedAt,
    DateTimeOffset? CutoffAt,
    DateOnly? BusinessDate,
    long Obligations,
    decimal ObligationSum,
    decimal? NettingEfficiency,
    int SettlementAttempts,
    string? FailureReason,
    string? CarriedTo);
