using System.Diagnostics;
using System.Text.Json;

namespace DelTran.Host.Cli;

/// <summary>
/// Watches the process's memory while <c>deltran process</c> runs, for the pipeline benchmark
/// (<c>DelTran:Diagnostics:MemoryReport</c> names the file it writes at the end). The resident peak alone cannot say
/// whether memory grows with the input because something holds it (a live set that grows) or because the collector
/// lets garbage wait longer in a larger heap; this tells the two apart.
/// <para>
/// Every sample reads the collector's own figures. With <c>DelTran:Diagnostics:MemoryReportLiveSet</c> it first forces
/// a full blocking collection, so the heap left is exactly what is live: that run's timings are not figures.
/// </para>
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly bool _forceCollections;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: false);
    private readonly Lock _gate = new();
    private long _peakHeapBytes;
    private long _peakCommittedBytes;
    private long _peakLiveBytes;
    private long _peakWorkingSetBytes;
    private long _lastFullCollection = -1;
    private long _lastBlockingCollection = -1;
    private int _fullCollectionsSeen;
    private int _blockingCollectionsSeen;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    // live_mb only under forced collections (empty otherwise).
    private readonly List<string> _series = ["seconds,live_mb,heap_mb,working_set_mb"];

    private MemoryWatch(TimeSpan interval, bool forceCollections)
    {
        _forceCollections = forceCollections;
        _sampling = Task.Run(() => SampleAsync(interval, _stop.Token));
    }

    /// <summary>Starts watching when the configuration asks for a report; null otherwise (nothing runs).</summary>
    public static MemoryWatch? StartIfConfigured(DiagnosticsOptions diagnostics, out string? reportPath)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        reportPath = diagnostics.MemoryReport;
        if (string.IsNullOrWhiteSpace(reportPath))
        {
            return null;
        }

        bool liveSet = diagnostics.MemoryReportLiveSet;
        return new MemoryWatch(liveSet ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(200), liveSet);
    }

    /// <summary>What was seen so far.</summary>
    public MemoryFigures Figures
    {
        get
        {
            lock (_gate)
            {
                return new MemoryFigures(
                    _peakWorkingSetBytes,
                    _peakHeapBytes,
                    _peakCommittedBytes,
                    _peakLiveBytes,
                    _forceCollections,
                    _fullCollectionsSeen,
                    _forceCollections ? _fullCollectionsSeen : _blockingCollectionsSeen,
                    GC.GetTotalAllocatedBytes(precise: false) - _allocatedAtStart,
                    GC.CollectionCount(0),
                    GC.CollectionCount(1),
                    GC.CollectionCount(2));
            }
        }
    }

    /// <summary>Stops sampling and writes the figures as JSON to <paramref name="path"/>.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await StopAsync();
        Sample();
        await using (FileStream file = File.Create(path))
        {
            await JsonSerializer.SerializeAsync(file, Figures, MemoryFiguresJson.Default.MemoryFigures, cancellationToken);
        }

        // Every sample, to place the peak in the run's timeline.
        await File.WriteAllLinesAsync(Path.ChangeExtension(path, ".csv"), _series, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
            // Stopped between samples.
        }
    }

    private async Task SampleAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            Sample();
        }
    }

    private void Sample()
    {
        long live = -1;
        if (_forceCollections)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            live = GC.GetTotalMemory(forceFullCollection: false);
        }

        GCMemoryInfo any = GC.GetGCMemoryInfo(GCKind.Any);
        GCMemoryInfo blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        GCMemoryInfo full = Newest(blocking, GC.GetGCMemoryInfo(GCKind.Background));
        using var process = Process.GetCurrentProcess();
        lock (_gate)
        {
            _peakHeapBytes = Math.Max(_peakHeapBytes, any.HeapSizeBytes);
            _peakCommittedBytes = Math.Max(_peakCommittedBytes, any.TotalCommittedBytes);
            _peakWorkingSetBytes = Math.Max(_peakWorkingSetBytes, process.WorkingSet64);
            if (live >= 0)
            {
                _peakLiveBytes = Math.Max(_peakLiveBytes, live);
            }

            _series.Add(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{_clock.Elapsed.TotalSeconds:F1},{(live >= 0 ? (live / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)},{any.HeapSizeBytes / 1048576.0:F1},{process.WorkingSet64 / 1048576.0:F1}"));

            // Without forced collections, what a blocking full collection kept is the live set then. A background one
            // also keeps whatever was allocated while it ran (seconds on a busy machine), so it would over-state it.
            if (full.Index > _lastFullCollection && full.Index > 0)
            {
                _lastFullCollection = full.Index;
                _fullCollectionsSeen++;
            }

            if (!_forceCollections && blocking.Index > _lastBlockingCollection && blocking.Index > 0)
            {
                _lastBlockingCollection = blocking.Index;
                _blockingCollectionsSeen++;
                _peakLiveBytes = Math.Max(_peakLiveBytes, blocking.PromotedBytes);
            }
        }
    }

    private static GCMemoryInfo Newest(GCMemoryInfo a, GCMemoryInfo b) => a.Index >= b.Index ? a : b;
}
