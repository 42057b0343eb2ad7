namespace DelTran.Core.Clearing;

/// <summary>
/// Which window an obligation belongs to. Windows are half-open intervals [previous cut-off, cut-off): an obligation
/// accepted exactly at a cut-off instant belongs to the next window.
/// </summary>
public static class WindowAssignment
{
    /// <summary>True when accepted strictly before the cut-off, so it belongs to the window closing at that cut-off.</summary>
    public static bool BelongsBefore(DateTimeOffset acceptedAt, DateTimeOffset cutoff) => acceptedAt < cutoff;

    /// <summary>
    /// True when an obligation settling on <paramref name="settlementDate"/> is due in a window settling on
    /// <paramref name="businessDate"/>; false when its value date is later and it is carried to a later window.
    /// </summary>
    public static bool IsDue(DateOnly settlementDate, DateOnly businessDate) => settlementDate <= businessDate;
}
