namespace DelTran.MockBank;

public readonly record struct BookingOutcome(BookingKind Kind, SettlementConfirmation? Confirmation);
