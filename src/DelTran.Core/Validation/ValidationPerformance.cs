namespace DelTran.Core.Validation;

/// <summary>How hard the validator may work on one large file.</summary>
public sealed record ValidationPerformance
{
    public static ValidationPerformance Sequential { get; } = new() { Workers = 1 };

    /// <summary>Threads that validate transaction batches at once; 1 turns the parallel pass off.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Files smaller than this are validated in one sequential pass, which is cheaper to start.</summary>
    public long MinimumParallelBytes { get; init; } = 4 * 1024 * 1024;

    public int TransactionsPerBatch { get; init; } = 256;
}
