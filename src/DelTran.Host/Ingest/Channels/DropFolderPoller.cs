using System.Globalization;
using System.Text;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// The inbound side of a drop folder, the same for every channel; <see cref="IDropFolder"/> does the file work.
/// Each look at inbound/:
/// <list type="number">
/// <item>puts back claims left by a crashed instance (older than ClaimTimeout) and this poller's own leftovers;</item>
/// <item>skips hidden and temporary names (.part, .tmp, .partial) and files whose size or time changed since
///   the previous look (still being written);</item>
/// <item>claims each stable file by renaming it to a hidden name of its own, so of several instances only one
///   takes it;</item>
/// <item>streams it into <see cref="IngestService"/>, and only once its bytes are stored (or were stored before)
///   moves it to processed/; a file over the size limit goes to rejected/ with a .txt saying why;</item>
/// <item>when storing fails (database unreachable), renames the claim back so the file is taken again later.</item>
/// </list>
/// A poller is not thread-safe: one loop drives it.
/// </summary>
public sealed partial class DropFolderPoller(IDropFolder folder, IngestService ingest, DropChannelOptions options, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(30);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private Dictionary<string, DropFile> _lastSeen = new(StringComparer.Ordinal);

    /// <summary>This poller's mark in its claim names; a new one at every start.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N")[..12];

    public IDropFolder Folder => folder;

    public async Task<PollResult> PollAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DropFile> listing = await folder.ListAsync(DropArea.Inbound, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        var seen = new Dictionary<string, DropFile>(StringComparer.Ordinal);
        var stable = new List<DropFile>();
        foreach (DropFile file in listing)
        {
            if (DropNames.TryParseClaim(file.Name, out string owner, out DateTimeOffset claimedAt, out string original))
            {
                // Our own claim at the start of a look is one whose put-back failed; another's is stale after ClaimTimeout.
                if (string.Equals(owner, Owner, StringComparison.Ordinal) || now - claimedAt > options.ClaimTimeout)
                {
                    LogRecoveringClaim(logger, folder.Channel, folder.Participant, original, owner, claimedAt);
                    await PutBackAsync(file.Name, original, cancellationToken);
                }

                continue;
            }

            if (DropNames.IsIgnored(file.Name))
            {
                continue;
            }

            seen[file.Name] = file;
            if (_lastSeen.TryGetValue(file.Name, out DropFile? before) && before == file)
            {
                stable.Add(file);
            }
        }

        _lastSeen = seen;
        var taken = new List<TakenFile>();
        foreach (DropFile file in stable.OrderBy(f => f.LastWriteUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            // Whatever happens to it, a file must look stable twice again before it is taken again.
            _lastSeen.Remove(file.Name);
            (TakenFile? result, Exception? failure) = await TakeAsync(file, cancellationToken);
            if (failure is not null)
            {
                return new PollResult(taken, failure);
            }

            if (result is not null)
            {
                taken.Add(result);
            }
        }

        await AnswerRepeatsAsync(cancellationToken);
        return new PollResult(taken, null);
    }

    private async Task<(TakenFile? Taken, Exception? StoreFailure)> TakeAsync(DropFile file, CancellationToken cancellationToken)
    {
        string claim = DropNames.Claim(Owner, clock.GetUtcNow(), file.Name);
        if (!DropNames.Fits(claim))
        {
            if (_reported.Add(file.Name))
            {
                LogNameTooLong(logger, folder.Channel, folder.Participant, file.Name);
            }

            return (null, null);
        }

        if (!await folder.TryClaimAsync(file.Name, claim, cancellationToken))
        {
            LogClaimLost(logger, folder.Channel, folder.Participant, file.Name);
            return (null, null);
        }

        IngestResult result;
        try
        {
            if (file.Length > ingest.MaxFileBytes)
            {
                result = new IngestResult(IngestOutcome.TooLarge, Guid.Empty);
            }
            else
            {
                await using Stream content = await folder.OpenReadAsync(DropArea.Inbound, claim, cancellationToken);
                result = await ingest.StoreAsync(folder.Participant, folder.Channel, file.Name, content, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not stored (or not known to be): the file goes back under its own name and is taken again later.
            // A put-back that fails too leaves the claim, which the next look puts back.
            using (var putBack = new CancellationTokenSource(FinishTimeout))
            {
                await PutBackAsync(claim, file.Name, putBack.Token);
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            LogStoreFailed(logger, folder.Channel, folder.Participant, file.Name, ex.Message);
            return (null, ex);
        }

        // The bytes are durably stored: finish the move even while the service is stopping.
        using var finish = new CancellationTokenSource(FinishTimeout);
        string? movedTo;
        if (result.Outcome == IngestOutcome.TooLarge)
        {
            movedTo = await MoveOutAsync(claim, DropArea.Rejected, file.Name, "rejected-" + Guid.CreateVersion7().ToString("N"), finish.Token);
            if (movedTo is not null)
            {
                await folder.TryWriteAsync(DropArea.Rejected, movedTo + ".txt", new MemoryStream(Encoding.UTF8.GetBytes(TooLargeExplanation(file)), writable: false), finish.Token);
            }

            LogTooLarge(logger, folder.Channel, folder.Participant, file.Name, file.Length, ingest.MaxFileBytes);
        }
        else
        {
            // A stored file's suffix is its id, so the pacs.002 delivery can find it again under a taken name.
            string tag = result.Outcome == IngestOutcome.Stored ? result.FileId.ToString("N") : "dup-" + Guid.CreateVersion7().ToString("N");
            if (result.Outcome == IngestOutcome.Duplicate)
            {
                // Recorded before the move: a crash in between takes the file again and records it again, and two
                // records of one name are answered with the same bytes under the same name.
                await ingest.RecordRepeatAsync(folder.Participant, folder.Channel, file.Name, result.FileId, finish.Token);
            }

            movedTo = await MoveOutAsync(claim, DropArea.Processed, file.Name, tag, finish.Token);
            LogTaken(logger, folder.Channel, folder.Participant, file.Name, result.Outcome, result.FileId, movedTo);
        }

        return (new TakenFile(file.Name, result.Outcome, result.FileId, movedTo), null);
    }

    /// <summary>
    /// The same bytes sent again get a copy of the first file's answer under their own name, once that answer exists: a
    /// resend after a refusal (AG10 while suspended, for instance) is told the first outcome instead of nothing, and a
    /// repeat of a file still in a stage is answered on the first look after the first file's answer is stored. Written
    /// like every answer (<see cref="OutboundFiles"/>): a name already holding those bytes is left as it is. A repeat
    /// whose answer cannot be written now is tried again at the next look.
    /// </summary>
    private async Task AnswerRepeatsAsync(CancellationToken cancellationToken)
    {
        List<RepeatFileRow> pending;
        try
        {
            pending = await ingest.PendingRepeatsAsync(folder.Participant, folder.Channel, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // The database is away: taking files reports that on its own; the repeats wait for a later look.
            LogRepeatsNotRead(logger, folder.Channel, folder.Participant, ex.Message);
            return;
        }

        foreach (RepeatFileRow repeat in pending)
        {
            await using FileAnswer? answer = await ingest.AnswerOfAsync(repeat.FirstFileId, cancellationToken);
            if (answer is null)
            {
                continue;
            }

            string own = answer.NameFor(repeat.Name);
            string written;
            try
            {
                written = await OutboundFiles.WriteAsync(folder, [own, DropNames.Suffixed(own, repeat.Id.ToString("N"))], answer.Content, cancellationToken);
            }
            catch (IOException ex)
            {
                LogRepeatNotWritten(logger, folder.Channel, folder.Participant, repeat.Name, ex.Message);
                continue;
            }

            await ingest.MarkRepeatAnsweredAsync(repeat.Id, clock.GetUtcNow(), cancellationToken);
            LogRepeatAnswered(logger, folder.Channel, folder.Participant, repeat.Name, repeat.FirstFileId, written);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} {Participant}: {Name} repeats file {FirstFileId}; its answer copied to outbound/{Report}")]
    private static partial void LogRepeatAnswered(ILogger logger, string channel, string participant, string name, Guid firstFileId, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: repeats waiting for an answer could not be read; trying again at the next look: {Reason}")]
    private static partial void LogRepeatsNotRead(ILogger logger, string channel, string participant, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: the answer to the repeat {Name} could not be written; trying again at the next look: {Reason}")]
    private static partial void LogRepeatNotWritten(ILogger logger, string channel, string participant, string name, string reason);

    /// <summary>Moves the claim out of inbound/ under its own name, else under the suffixed one; null when the claim is gone.</summary>
    private async Task<string?> MoveOutAsync(string claim, DropArea to, string name, string tag, CancellationToken cancellationToken)
    {
        foreach (string candidate in new[] { name, DropNames.Suffixed(name, tag), DropNames.Suffixed(name, tag + "-" + Guid.NewGuid().ToString("N")[..8]) })
        {
            switch (await folder.MoveAsync(DropArea.Inbound, claim, to, candidate, cancellationToken))
            {
                case MoveResult.Moved:
                    return candidate;
                case MoveResult.SourceMissing:
                    // Another instance took our claim for a crashed one's and put the file back; it will be found stored.
                    LogClaimTakenAway(logger, folder.Channel, folder.Participant, name);
                    return null;
            }
        }

        throw new IOException($"Cannot move {claim} to {DropNames.Folder(to)}/ in {folder.Location}: every name tried exists.");
    }

    private async Task PutBackAsync(string claim, string name, CancellationToken cancellationToken)
    {
        string stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        foreach (string candidate in new[] { name, DropNames.Suffixed(name, "returned-" + stamp) })
        {
            if (await folder.MoveAsync(DropArea.Inbound, claim, DropArea.Inbound, candidate, cancellationToken) != MoveResult.TargetExists)
            {
                return;
            }
        }
    }

    private string TooLargeExplanation(DropFile file) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        DelTran did not accept {file.Name} from {folder.Participant} ({folder.Channel} channel).
        Reason: the file is larger than the limit of {ingest.MaxFileBytes} bytes per file (it had {file.Length} bytes when it was listed).
        Nothing of it was stored or processed. Split the transactions over several smaller files and send those.

        """);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} {Participant}: took {Name}: {Outcome} as file {FileId}, moved to {MovedTo}")]
    private static partial void LogTaken(ILogger logger, string channel, string participant, string name, IngestOutcome outcome, Guid fileId, string? movedTo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: {Name} is {Length} bytes, over the limit of {Max}; moved to rejected/")]
    private static partial void LogTooLarge(ILogger logger, string channel, string participant, string name, long length, long max);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Channel} {Participant}: {Name} was claimed by another instance first")]
    private static partial void LogClaimLost(ILogger logger, string channel, string participant, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: could not store {Name}, put it back to retry: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string channel, string participant, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: putting back {Name}, claimed by {Owner} at {ClaimedAt} and not finished")]
    private static partial void LogRecoveringClaim(ILogger logger, string channel, string participant, string name, string owner, DateTimeOffset claimedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: the claim on {Name} was taken away after it was stored; the file will be found a duplicate")]
    private static partial void LogClaimTakenAway(ILogger logger, string channel, string participant, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Participant}: ignoring {Name}: the name is too long to be claimed; rename it")]
    private static partial void LogNameTooLong(ILogger logger, string channel, string participant, string name);
}
