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

    public required string Currency { get; set; }

    public int Sequence { get; set; }

    /// <summary>OPEN, CLOSING, NETTED, SETTLING, SETTLED or FAILED.</summary>
    public required string State { get; set; }

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

/// <summary>Every state change of a window with its time and cause, append only.</summary>
public sealed class WindowEventRow
{
    public long Id { get; set; }

    public required string WindowId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? FromState { get; set; }

    public required string ToState { get; set; }

    public required string Cause { get; set; }
}

/// <summary>A participant's multilateral net position in a closed window.</summary>
public sealed class WindowPositionRow
{
    public required string WindowId { get; set; }

    public required string ParticipantBic { get; set; }

    public required string Currency { get; set; }

    public decimal Debit { get; set; }

    public decimal Credit { get; set; }

    public decimal Net { get; set; }

    public int ObligationsPaid { get; set; }

    public int ObligationsReceived { get; set; }
}

/// <summary>The bilateral view of a closed window: what each pair owes the other before multilateral netting.</summary>
public sealed class WindowBilateralRow
{
    public required string WindowId { get; set; }

    public required string ParticipantA { get; set; }

    public required string ParticipantB { get; set; }

    public required string Currency { get; set; }

    public decimal AOwesB { get; set; }

    public decimal BOwesA { get; set; }
}

/// <summary>One settlement instruction to a participant's bank, and what became of it.</summary>
public sealed class SettlementInstructionRow
{
    /// <summary>Also the idempotency key the bank receives.</summary>
    public required string InstructionId { get; set; }

    public required string WindowId { get; set; }

    public int Attempt { get; set; }

    public int Sequence { get; set; }

    public required string ParticipantBic { get; set; }

    public required string Currency { get; set; }

    /// <summary>DEBIT (the participant pays) or CREDIT (it receives).</summary>
    public required string Direction { get; set; }

    public decimal Amount { get; set; }

    /// <summary>RESERVED, POSTED, FAILED, REVERSED or RELEASED.</summary>
    public required string Status { get; set; }

    public string? ConfirmationId { get; set; }

    public string? ReversalConfirmationId { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One posting of the double-entry ledger. Rows are only ever inserted: a correction is a reversing posting, so
/// the history an auditor reads is the history that happened. Amount &gt; 0 credits the account, &lt; 0 debits it.
/// </summary>
public sealed class LedgerEntryRow
{
    public long Id { get; set; }

    /// <summary>A participant's BIC8 (its settlement account) or DelTran's clearing account.</summary>
    public required string Account { get; set; }

    public required string Currency { get; set; }

    public decimal Amount { get; set; }

    public required string InstructionId { get; set; }

    public required string WindowId { get; set; }

    /// <summary>SETTLEMENT or REVERSAL.</summary>
    public required string Kind { get; set; }

    public DateTimeOffset BookedAt { get; set; }
}
