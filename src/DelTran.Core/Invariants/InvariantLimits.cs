namespace DelTran.Core.Invariants;

/// <summary>How long things may take before the check calls them stuck.</summary>
public sealed record InvariantLimits
{
    public static InvariantLimits Default { get; } = new();

    /// <summary>A transaction in a stage (not HELD, which waits for an operator) this long without a move is stuck.</summary>
    public TimeSpan StageAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A window unfinished (or settled without reports) and unclaimed this long is stuck.</summary>
    public TimeSpan WindowAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An outbox row undispatched this long is stuck.</summary>
    public TimeSpan OutboxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows named per break; the count is always given in full.</summary>
    public int RowsPerBreak { get; init; } = 20;
}
