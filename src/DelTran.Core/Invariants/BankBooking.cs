namespace DelTran.Core.Invariants;

/// <summary>One booking in a bank's own books, under the idempotency key DelTran sent.</summary>
public sealed record BankBooking(string IdempotencyKey, string Participant);
