namespace DelTran.Core.Invariants;

/// <summary>
/// A token mint, burn or refund as the banks' books must show it: <see cref="Booked"/> when the bank confirmed it (its
/// booking is expected, once), <see cref="InFlight"/> while it still waits for its bank (a booking may or may not exist).
/// </summary>
public sealed record TokenFundingFacts(string OperationId, bool Booked, bool InFlight);
