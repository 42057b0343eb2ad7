namespace DelTran.MockBank;

/// <summary>How a settlement instruction was taken by <see cref="SettlementLedger.Book"/>.</summary>
public enum BookingKind
{
    Booked,
    Replayed,
    KeyReused,
}
