using DelTran.Core.Clearing;

namespace DelTran.Core.Invariants;

/// <summary>A clearing window as the check sees it.</summary>
public sealed record WindowFacts(
    string Id,
    WindowState State,
    DateTimeOffset UpdatedAt,
    WindowLease Lease,
    int SettledTransitions,
    int PositionCount,
    decimal PositionDebits,
    decimal PositionCredits,
    bool Reported);
