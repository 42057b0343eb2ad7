namespace DelTran.Core.Invariants;

/// <summary>A transaction still in a stage, with its last move.</summary>
public sealed record InStageTransaction(Guid Id, string State, DateTimeOffset UpdatedAt);
