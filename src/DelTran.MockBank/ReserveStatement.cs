namespace DelTran.MockBank;

/// <summary>
/// The bank's own statement of the account it holds for DelTran's token reserve in one currency: every booking filed under
/// the reference TOKENS, a participant's debit paying into it and a credit paying out of it.
/// </summary>
public sealed record ReserveStatement(string Currency, decimal Balance, int Bookings, DateTimeOffset AsOf);
