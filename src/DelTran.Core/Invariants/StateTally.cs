using DelTran.Core.Pipeline;

namespace DelTran.Core.Invariants;

/// <summary>Transactions in one state: how many, how many have an obligation (or several), and how many carry no reason.</summary>
public sealed record StateTally(TransactionState State, long Transactions, long WithObligation, long WithSeveralObligations, long WithoutReason);
