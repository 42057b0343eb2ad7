namespace DelTran.Core.Tokens;

/// <summary>A recorded reconciliation of the reserve with the bank's statement: when, the bank's balance (null when it gave none), and whether they matched.</summary>
public sealed record TokenReconciliationFacts(DateTimeOffset At, decimal? BankReserve, bool Matched);
