using DelTran.Core.Screening;
using DelTran.Host.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// Fetches the configured lists from their publishers' URLs into the download folder. A download is staged, loaded
/// together with the folder's other files (OFAC's sdn.csv needs its alt.csv), and moved into place only if its list
/// loads: a truncated or broken download is refused and returned for recording, and the file in force stays on disk,
/// so a restart screens against it too. A download that fails outright (network, HTTP status) is logged and skipped.
/// </summary>
public sealed partial class ListDownloader(IHttpClientFactory clients, IOptions<DelTranOptions> options, ILogger<ListDownloader> logger)
{
    public const string ClientName = "sanctions-lists";

    /// <summary>Sub-folder of the download folder where downloads wait for their check; never screened.</summary>
    public const string StagingFolder = ".incoming";

    /// <summary>The refused downloads, as list results for the versions table.</summary>
    public async Task<IReadOnlyList<ListFileResult>> DownloadAsync(CancellationToken cancellationToken)
    {
        ComplianceOptions compliance = options.Value.Compliance;
        if (compliance.Downloads.Count == 0 || string.IsNullOrWhiteSpace(compliance.DownloadFolder))
        {
            return [];
        }

        string folder = Path.GetFullPath(compliance.DownloadFolder, AppContext.BaseDirectory);
        string staging = Path.Combine(folder, StagingFolder);
        Directory.CreateDirectory(staging);
        HttpClient client = clients.CreateClient(ClientName);
        var refused = new List<ListFileResult>();
        foreach (ListDownloadOptions download in compliance.Downloads)
        {
            byte[] content;
            try
            {
                content = await client.GetByteArrayAsync(new Uri(download.Url), cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, download.Url, e.Message);
                continue;
            }

            // Loaded beside the files in force, with this download in its file's place.
            List<ListFile> files = [.. Directory.EnumerateFiles(folder)
                .Where(path => !string.Equals(Path.GetFileName(path), download.File, StringComparison.Ordinal))
                .Select(path => new ListFile(Path.GetFileName(path), File.ReadAllBytes(path))), new ListFile(download.File, content)];
            ListFileResult? result = ListLoader.Load(files).Lists.FirstOrDefault(r => r.Files.Contains(download.File, StringComparer.Ordinal));
            if (result is null || !result.IsLoaded)
            {
                refused.Add(result ?? new ListFileResult(download.File, [download.File], null, ListLoader.Sha256Hex(content), null, null,
                    [new SanctionsLoadIssue(download.File, 0, "not a list file in a known format")], []));
                continue;
            }

            string staged = Path.Combine(staging, download.File);
            await File.WriteAllBytesAsync(staged, content, cancellationToken);
            File.Move(staged, Path.Combine(folder, download.File), overwrite: true);
        }

        return refused;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sanctions list download from {Url} failed, the version in force stays: {Reason}")]
    private static partial void LogFailed(ILogger logger, string url, string reason);
}
