namespace DelTran.Core.Invariants;

/// <summary>The outcome of a check: every break found, and what was left unchecked (with why).</summary>
public sealed record InvariantReport(IReadOnlyList<InvariantBreak> Breaks, IReadOnlyList<string> Unchecked)
{
    public bool Holds => Breaks.Count == 0;

    /// <summary>No money was created or destroyed; false fails readiness.</summary>
    public bool Conserved => !Breaks.Any(b => b.Kind == BreakKind.Conservation);
}
