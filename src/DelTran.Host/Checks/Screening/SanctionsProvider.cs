using System.Diagnostics.CodeAnalysis;
using DelTran.Core.Screening;
using DelTran.Host.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// The sanctions index the compliance stage screens against, built from every configured list: the OFAC CSV pair
/// (<see cref="ComplianceOptions.SdnCsv"/>) and the list folders (<see cref="ComplianceOptions.Lists"/>).
/// <para>
/// The lists are loaded at start (<see cref="SanctionsWarmUp"/>, and before <c>deltran process</c> reads its input). At
/// first use a refused (broken or truncated) list stops the service from screening at all rather than screening
/// against less: every batch fails and waits, and the error is logged with its line. <see cref="Reload"/> (for a
/// scheduled refresh) instead keeps the previous version of a refused list in force and swaps in the rest.
/// </para>
/// </summary>
public sealed partial class SanctionsProvider(IOptions<DelTranOptions> options, ILogger<SanctionsProvider> logger)
{
    private readonly Lock _gate = new();
    private (SanctionsListSet Set, ScreeningSnapshot Snapshot)? _current;

    /// <summary>The index in force with the name of the list set it was built from, taken together so a batch records what screened it.</summary>
    public ScreeningSnapshot Snapshot => Current.Snapshot;

    /// <summary>The list versions in force, for the operators' view and the versions table.</summary>
    public IReadOnlyList<SanctionsListVersion> Versions => Current.Set.Versions;

    public ScreeningOptions Options => options.Value.Compliance.ToScreeningOptions();

    private (SanctionsListSet Set, ScreeningSnapshot Snapshot) Current
    {
        get
        {
            lock (_gate)
            {
                return _current ??= First();
            }
        }
    }

    /// <summary>
    /// Loads the configured lists now if they are not loaded yet, so the first batch does not wait for them and a refused
    /// list is reported at start. False, with the reason, when a list is refused or cannot be read; the next use tries
    /// again.
    /// </summary>
    public bool TryLoad([NotNullWhen(false)] out string? problem)
    {
        try
        {
            _ = Current;
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// Reads the configured lists again. Loaded lists replace their previous versions; a refused one is logged and its
    /// previous version stays in force. Returns every list's result, for the caller to record.
    /// </summary>
    public IReadOnlyList<ListFileResult> Reload()
    {
        IReadOnlyList<ListFileResult> results = LoadConfigured(options.Value.Compliance);
        lock (_gate)
        {
            SanctionsListSet set = (_current?.Set ?? SanctionsListSet.Empty).Apply(results);
            Log(results, keepsPrevious: true);
            _current = (set, Build(set));
        }

        return results;
    }

    /// <summary>Every configured list, loaded: the OFAC CSV pair first, then each folder's lists.</summary>
    public static IReadOnlyList<ListFileResult> LoadConfigured(ComplianceOptions compliance)
    {
        ArgumentNullException.ThrowIfNull(compliance);
        var results = new List<ListFileResult>();
        if (!string.IsNullOrWhiteSpace(compliance.SdnCsv))
        {
            string sdn = Path.GetFullPath(compliance.SdnCsv, AppContext.BaseDirectory);
            var files = new List<ListFile> { Read(sdn, Path.GetFileName(sdn)) };
            if (!string.IsNullOrWhiteSpace(compliance.AltCsv))
            {
                string alt = Path.GetFullPath(compliance.AltCsv, AppContext.BaseDirectory);
                files.Add(Read(alt, Path.GetFileName(alt)));
            }

            results.AddRange(ListLoader.Load(files).Lists);
        }

        foreach (string folder in compliance.Lists)
        {
            results.AddRange(LoadFolder(Path.GetFullPath(folder, AppContext.BaseDirectory)).Lists);
        }

        // Downloaded lists, once the first download has landed.
        if (compliance.Downloads.Count > 0 && !string.IsNullOrWhiteSpace(compliance.DownloadFolder)
            && Directory.Exists(Path.GetFullPath(compliance.DownloadFolder, AppContext.BaseDirectory)))
        {
            results.AddRange(LoadFolder(Path.GetFullPath(compliance.DownloadFolder, AppContext.BaseDirectory)).Lists);
        }

        return results;
    }

    /// <summary>
    /// Reads every file under <paramref name="directory"/> (sub-folders included, names relative to it with '/') and
    /// loads the lists among them. Throws <see cref="DirectoryNotFoundException"/> or <see cref="IOException"/> when the
    /// folder or a file cannot be read; a file that reads but is broken is a refused result, not an exception.
    /// </summary>
    public static ListFolderLoad LoadFolder(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"List folder {directory} does not exist.");
        }

        List<ListFile> files = [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(directory, path).StartsWith(ListDownloader.StagingFolder, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => Read(path, Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/')))];
        return ListLoader.Load(files);
    }

    private static ListFile Read(string path, string name) => new(name, File.ReadAllBytes(path));

    private (SanctionsListSet Set, ScreeningSnapshot Snapshot) First()
    {
        ComplianceOptions compliance = options.Value.Compliance;
        IReadOnlyList<ListFileResult> results = LoadConfigured(compliance);
        Log(results, keepsPrevious: false);
        if (results.FirstOrDefault(r => !r.IsLoaded) is { } refused)
        {
            throw new InvalidDataException($"Sanctions list {refused.Source} was refused: {refused.RefusalReason}");
        }

        if (results.Count == 0)
        {
            LogNoList(logger);
        }

        SanctionsListSet set = SanctionsListSet.Empty.Apply(results);
        return (set, Build(set));
    }

    private ScreeningSnapshot Build(SanctionsListSet set) => new(set.Fingerprint, set.Describe(), new ScreeningMemo(set.BuildIndex(), Options));

    private void Log(IReadOnlyList<ListFileResult> results, bool keepsPrevious)
    {
        foreach (ListFileResult result in results)
        {
            if (result.Version is { } version)
            {
                LogLoaded(logger, version.ListId, version.EntryCount, version.AliasCount, result.Source, version.PublicationDate, version.Sha256);
            }
            else
            {
                LogRefused(logger, result.Source, result.RefusalReason, keepsPrevious ? "the previous version stays in force" : "screening stops");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No sanctions list configured (DelTran:Compliance:SdnCsv, DelTran:Compliance:Lists): screening finds no match")]
    private static partial void LogNoList(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sanctions list {Source} refused ({Consequence}): {Errors}")]
    private static partial void LogRefused(ILogger logger, string source, string? errors, string consequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sanctions list {List} loaded: {Entries} entries, {Aliases} aliases from {Source}, publication date {Published} (null when the file carries none), SHA-256 {Sha256}")]
    private static partial void LogLoaded(ILogger logger, string list, int entries, int aliases, string source, DateOnly? published, string sha256);
}
