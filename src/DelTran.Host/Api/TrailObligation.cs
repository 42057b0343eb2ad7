namespace DelTran.Host.Api;

/// <summary>
/// The obligation the transaction became and the path it settles by: WINDOW (its window) or TOKENS (the token payment
/// that settled it at once, with no window). <see cref="NotInstant"/> says why a payment whose debtor chose instant
/// settlement still took the window path.
/// </summary>
public sealed record TrailObligation(string Debtor, string Creditor, decimal Amount, string Currency, DateTimeOffset AcceptedAt, string? Window, string? CarriedFrom, string Path, string? TokenPayment, string? NotInstant);
