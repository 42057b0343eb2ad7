namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>How richly the generator fills an instance outside its focus.</summary>
public sealed record GenerationOptions
{
    /// <summary>Chance that an optional element (or one more repetition) is written at the root; it decays with depth.</summary>
    public double OptionalProbability { get; init; } = 0.3;

    /// <summary>Factor applied to <see cref="OptionalProbability"/> per level of depth.</summary>
    public double Decay { get; init; } = 0.85;

    /// <summary>Below this depth only what the schema requires is written.</summary>
    public int MaxDepth { get; init; } = 14;

    /// <summary>Once this many elements are written, only what the schema requires is added.</summary>
    public int MaxElements { get; init; } = 600;

    /// <summary>Repetitions of an unbounded (or large) maxOccurs are capped here.</summary>
    public int RepeatCap { get; init; } = 3;

    /// <summary>
    /// Optional children that must be written, by the parent's path (e.g. /Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr)
    /// and the child's name: how rulebook-valid instances get the names and parties the rules require.
    /// </summary>
    public Func<string, string, bool>? MustInclude { get; init; }
}
