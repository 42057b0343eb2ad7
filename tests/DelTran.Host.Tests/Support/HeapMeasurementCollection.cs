namespace DelTran.Host.Tests.Support;

/// <summary>
/// Tests that measure the managed heap of the whole process: run alone, after the parallel tests, with none beside
/// them, so another test's objects are not counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurement";
}
