using DelTran.Core.Pipeline;

namespace DelTran.Core.Invariants;

/// <summary>
/// Transactions in one state: how many, how many have an obligation (or several), how many carry no reason, and how many
/// have an obligation settled by a token payment.
/// </summary>
public sealed record StateTally(TransactionState State, long Transactions, long WithObligation, long WithSeveralObligations, long WithoutReason, long WithTokenPayment = 0);
