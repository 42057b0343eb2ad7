using DelTran.Core.Screening;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Checks.Screening;

/// <summary>
/// Hourly: downloads the lists configured with a URL (<see cref="ListDownloader"/>), then reads the configured lists again. A new version replaces the one in force; a broken or truncated
/// file is refused, the previous version stays in force, and an alert is logged. Every version seen, loaded or
/// refused, is recorded once with its publication date and SHA-256.
/// </summary>
public sealed class SanctionsListsJob(SanctionsProvider sanctions, ListDownloader downloader, Func<DelTranDbContext> databases, TimeProvider clock, ILogger<SanctionsListsJob> logger)
{
    public const string RecurringId = "reload-sanctions-lists";
    public const string Cron = "0 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ListFileResult> refusedDownloads = await downloader.DownloadAsync(cancellationToken);
        IReadOnlyList<ListFileResult> results = sanctions.Reload();
        await RecordAsync([.. refusedDownloads, .. results], cancellationToken);
    }

    public async Task RecordAsync(IReadOnlyList<ListFileResult> results, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        DateTimeOffset now = clock.GetUtcNow();
        foreach (ListFileResult result in results)
        {
            string status = result.IsLoaded ? "LOADED" : "REFUSED";
            if (!result.IsLoaded)
            {
                ListsLog.Refused(logger, result.Source, result.RefusalReason ?? "unreadable");
            }

            if (await db.SanctionsListVersions.AnyAsync(v => v.Source == result.Source && v.Sha256 == result.Sha256 && v.Status == status, cancellationToken))
            {
                continue;
            }

            db.SanctionsListVersions.Add(new SanctionsListVersionRow
            {
                Source = result.Source,
                ListId = result.Version?.ListId,
                Format = result.Format?.ToString(),
                PublicationDate = result.Version?.PublicationDate,
                Sha256 = result.Sha256,
                Entries = result.Version?.EntryCount ?? 0,
                Status = status,
                Reason = result.RefusalReason,
                RecordedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
