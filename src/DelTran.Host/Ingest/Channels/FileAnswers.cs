using System.Text;
using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// Composes a stored file's answer once its message has one: the pacs.002 written when the message completed, or,
/// when no message identification could be read from the file, <see cref="UnreadableFileNotice"/>. The one place that
/// decides it, for the first delivery and for the copies sent to repeats of the file.
/// </summary>
public static class FileAnswers
{
    /// <summary>The answer of file <paramref name="fileId"/>; null while its message has no pacs.002 yet.</summary>
    public static async Task<FileAnswer?> ComposeAsync(DelTranDbContext db, IDatabaseDialect dialect, Guid fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dialect);
        var found = await db.InboundFiles.AsNoTracking()
            .Where(f => f.Id == fileId && f.MessageId != null)
            .Join(db.Messages, f => f.MessageId, m => m.Id, (f, m) => new { File = f, m.Id, m.MsgId, m.RejectReasons })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        // The pacs.002 is stored when the message completes: until then there is no answer of either kind.
        await using Stream? stored = await dialect.OpenStatusReportAsync(db, found.Id, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        FileStream spool = OutboundFiles.Spool();
        try
        {
            if (UnreadableFileNotice.Applies(found.MsgId))
            {
                var received = new ReceivedFile(found.File.OriginalName, found.File.Size, found.File.Sha256, found.File.ReceivedAt);
                await spool.WriteAsync(Encoding.UTF8.GetBytes(UnreadableFileNotice.Compose(received, found.RejectReasons)), cancellationToken);
                spool.Position = 0;
                return new FileAnswer(FileAnswerKind.UnreadableNotice, spool);
            }

            await stored.CopyToAsync(spool, cancellationToken);
            spool.Position = 0;
            return new FileAnswer(FileAnswerKind.StatusReport, spool);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }
}
