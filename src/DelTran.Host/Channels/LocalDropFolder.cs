namespace DelTran.Host.Channels;

/// <summary>
/// A participant's drop folder on a local disk: &lt;root&gt;/{inbound,processed,rejected,outbound}. Claims are
/// rename(2), which only one of several concurrent callers can win; moves and writes end in File.Move without
/// overwrite, which fails rather than replaces an existing file.
/// </summary>
public sealed class LocalDropFolder(string channel, string participant, string root) : IDropFolder
{
    public string Channel => channel;

    public string Participant => participant;

    public string Location => root;

    public string PathOf(DropArea area, string name) => Path.Combine(root, DropNames.Folder(area), name);

    public Task EnsureLayoutAsync(CancellationToken cancellationToken)
    {
        foreach (DropArea area in DropNames.Areas)
        {
            Directory.CreateDirectory(Path.Combine(root, DropNames.Folder(area)));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DropFile>> ListAsync(DropArea area, CancellationToken cancellationToken)
    {
        var files = new List<DropFile>();
        foreach (FileInfo file in new DirectoryInfo(Path.Combine(root, DropNames.Folder(area))).EnumerateFiles())
        {
            try
            {
                files.Add(new DropFile(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
            }
            catch (FileNotFoundException)
            {
                // Renamed away (claimed by another instance) between the directory read and its stat.
            }
        }

        return Task.FromResult<IReadOnlyList<DropFile>>(files);
    }

    public Task<DropFile?> GetAsync(DropArea area, string name, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(area, name));
        return Task.FromResult(file.Exists ? new DropFile(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)) : null);
    }

    public Task<bool> TryClaimAsync(string name, string claimName, CancellationToken cancellationToken)
    {
        string claim = PathOf(DropArea.Inbound, claimName);
        if (File.Exists(claim))
        {
            // Only this poller makes claims of this name, and it never overwrites one it could not put back.
            return Task.FromResult(false);
        }

        try
        {
            // A plain rename(2): atomic, and the source can be renamed away only once, so of several claimers
            // exactly one succeeds; the others find the file gone.
            File.Move(PathOf(DropArea.Inbound, name), claim, overwrite: true);
            return Task.FromResult(true);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<MoveResult> MoveAsync(DropArea sourceArea, string name, DropArea targetArea, string newName, CancellationToken cancellationToken)
    {
        string source = PathOf(sourceArea, name);
        string target = PathOf(targetArea, newName);
        if (!File.Exists(source))
        {
            return Task.FromResult(MoveResult.SourceMissing);
        }

        try
        {
            File.Move(source, target, overwrite: false);
            return Task.FromResult(MoveResult.Moved);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(MoveResult.SourceMissing);
        }
        catch (IOException) when (File.Exists(target))
        {
            return Task.FromResult(MoveResult.TargetExists);
        }
    }

    public Task<Stream> OpenReadAsync(DropArea area, string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(area, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));

    public async Task<bool> TryWriteAsync(DropArea area, string name, Stream content, CancellationToken cancellationToken)
    {
        string target = PathOf(area, name);
        if (File.Exists(target))
        {
            return false;
        }

        string temporary = PathOf(area, DropNames.Temporary(name));
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(stream, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task DeleteAsync(DropArea area, string name, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(area, name));
        return Task.CompletedTask;
    }
}
