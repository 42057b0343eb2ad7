using DelTran.Core.Clearing;

namespace DelTran.Core.Settlement;

/// <summary>
/// The first phase decided. When <see cref="CanSettle"/>, every instruction is written as reserved, each debit's amount
/// is added to its account's reservations (<see cref="Reservations"/>, by participant) and the window moves to
/// SETTLING. Otherwise nothing is reserved and the window ends FAILED with <see cref="Cause"/>; a window that was
/// already FAILED (a retry) stays FAILED and records the refusal (<see cref="RetryRefused"/>).
/// </summary>
public sealed record SettlementReservation(
    bool CanSettle,
    IReadOnlyList<SettlementInstruction> Instructions,
    IReadOnlyDictionary<string, decimal> Reservations,
    WindowState To,
    string Cause,
    bool RetryRefused);
