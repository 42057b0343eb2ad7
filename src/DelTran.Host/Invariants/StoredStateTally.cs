namespace DelTran.Host.Invariants;

/// <summary>A row of the invariant check's tally query as stored: the state still its code, read by the column's converter.</summary>
internal sealed record StoredStateTally(string State, long Transactions, long WithObligation, long WithSeveralObligations, long WithoutReason, long WithTokenPayment);
