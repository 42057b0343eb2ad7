namespace DelTran.Host.Cli;

/// <summary>
/// Peaks over a run, in bytes: resident set, managed heap after a collection (live objects and the garbage not yet
/// compacted away), memory the collector had committed, and the live set: exact under forced collections, else what
/// the collector's own blocking full collections kept (<see cref="LiveSetSamples"/> of them; 0 when none ran).
/// </summary>
public sealed record MemoryFigures(
    long PeakWorkingSetBytes,
    long PeakHeapBytes,
    long PeakCommittedBytes,
    long PeakLiveBytes,
    bool LiveSetForced,
    int FullCollections,
    int LiveSetSamples,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
