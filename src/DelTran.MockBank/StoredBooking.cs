namespace DelTran.MockBank;

/// <summary>One line of <see cref="BooksFile"/>: the key, the instruction as booked and the bank's answer to it.</summary>
public sealed record StoredBooking(string IdempotencyKey, SettlementInstruction Instruction, SettlementConfirmation Confirmation);
