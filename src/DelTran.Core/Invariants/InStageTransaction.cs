using DelTran.Core.Pipeline;

namespace DelTran.Core.Invariants;

/// <summary>A transaction still in a stage, with its last move.</summary>
public sealed record InStageTransaction(Guid Id, TransactionState State, DateTimeOffset UpdatedAt);
