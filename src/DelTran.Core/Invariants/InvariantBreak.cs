namespace DelTran.Core.Invariants;

/// <summary>One broken invariant: which, how bad, what was found, and up to a few of the rows concerned.</summary>
public sealed record InvariantBreak(string Invariant, BreakKind Kind, string Message, IReadOnlyList<string> Rows);
