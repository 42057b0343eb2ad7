namespace DelTran.Core.Settlement;

/// <summary>
/// What one confirmed (or reversed) instruction changes: the ledger postings, the participant's balance, the
/// reservation it releases, and a note for the window's history when a recovery found the booking at the bank.
/// </summary>
public sealed record SettlementPosting(IReadOnlyList<LedgerPosting> Postings, decimal BalanceChange, decimal ReservationReleased, string? RecoveryNote);
