namespace DelTran.Host.Cli;

/// <summary>
/// DelTran:Diagnostics, read by `deltran process` for the benchmarks: where to write the memory report (none when empty),
/// and whether to force collections for the live set.
/// </summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "DelTran:Diagnostics";

    public string? MemoryReport { get; set; }

    public bool MemoryReportLiveSet { get; set; }

    /// <summary>The section bound; a value that is not of its type (a live-set flag that is not true or false) throws InvalidOperationException.</summary>
    public static DiagnosticsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DiagnosticsOptions>() ?? new DiagnosticsOptions();
}
