using DelTran.Core.Amounts;
using DelTran.Core.Clearing;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes of clearing and settlement: windows with their history, net positions, settlement instructions
// and the append-only double-entry ledger.

/// <summary>
/// A clearing window of one currency. Exactly one is OPEN per currency (a unique partial index says so); every
/// obligation is stamped with the window that was open when it was accepted.
/// </summary>
public sealed class ClearingWindowRow
{
    /// <summary>Readable and stable, for operators and auditors: currency and a per-currency sequence, "INR-000042".</summary>
    public required string Id { get; set; }

    public required Currency Currency { get; set; }

    public int Sequence { get; set; }

    /// <summary>OPEN, CLOSING, NETTED, SETTLING, SETTLED or FAILED.</summary>
    public required WindowState State { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Obligations accepted strictly before this instant belong to the window.</summary>
    public DateTimeOffset? CutoffAt { get; set; }

    /// <summary>The settlement date: the currency's banking day on which the window settles.</summary>
    public DateOnly? BusinessDate { get; set; }

    public long ObligationCount { get; set; }

    public decimal ObligationSum { get; set; }

    public decimal? NettingEfficiency { get; set; }

    /// <summary>How many times settlement was attempted; each attempt has its own instruction ids.</summary>
    public int SettlementAttempts { get; set; }

    /// <summary>The operator's message when the window is FAILED.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Set when a FAILED window's obligations were carried into a later window; it can no longer be retried.</summary>
    public string? CarriedTo { get; set; }

    /// <summary>
    /// SHA-256 window digest of the audit pack, kept here as well as in the pack's manifest: a pack whose files
    /// and manifest were both rewritten still disagrees with the database.
    /// </summary>
    public string? AuditDigest { get; set; }

    /// <summary>The instance carrying the window through netting and settlement, while its lease runs (see WindowLease).</summary>
    public string? LeaseHolder { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Raised each time the lease is taken; every write of a run checks it, so a run whose lease was taken over stops.</summary>
    public long LeaseFence { get; set; }

    /// <summary>An operator asked to retry this FAILED window: kept until an attempt starts or is refused, so no crash or busy lease loses it.</summary>
    public DateTimeOffset? RetryRequestedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
