namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// A participant's drop folder on a local disk: &lt;root&gt;/{inbound,processed,rejected,outbound}. Claims are
/// rename(2), which only one of several concurrent callers can win; moves and writes end in File.Move without
/// overwrite, which fails rather than replaces an existing file.
/// <para>
/// Symbolic links are never followed, since a participant that may write in its own folder could otherwise point
/// DelTran at another participant's files: a link in a folder is not listed, found, read or taken (it stays where it
/// is), and a folder of the four that is itself a link is refused with an <see cref="IOException"/> saying so, for
/// every operation, so the channel reports the folder as broken instead of reading or writing another's.
/// </para>
/// </summary>
public sealed class LocalDropFolder(string channel, string participant, string root) : IDropFolder
{
    public string Channel => channel;

    public string Participant => participant;

    public string Location => root;

    public string PathOf(DropArea area, string name) => Path.Combine(root, DropNames.Folder(area), name);

    /// <summary>A file's path, once its folder is known to be a directory of this participant's own rather than a link.</summary>
    private string Checked(DropArea area, string name)
    {
        string folder = Path.Combine(root, DropNames.Folder(area));
        if (new DirectoryInfo(folder).LinkTarget is string target)
        {
            throw new IOException($"{folder} is a symbolic link (to {target}), not a folder of {participant}'s own: DelTran does not follow it.");
        }

        return Path.Combine(folder, name);
    }

    /// <summary>True for a symbolic link (to a file, a folder or nothing), which DelTran treats as if it were not there.</summary>
    private static bool IsLink(FileSystemInfo entry) => entry.LinkTarget is not null;

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
        foreach (FileInfo file in new DirectoryInfo(Checked(area, string.Empty)).EnumerateFiles())
        {
            try
            {
                if (IsLink(file))
                {
                    continue;
                }

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
        var file = new FileInfo(Checked(area, name));
        return Task.FromResult(file.Exists && !IsLink(file) ? new DropFile(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)) : null);
    }

    public Task<bool> TryClaimAsync(string name, string claimName, CancellationToken cancellationToken)
    {
        string claim = Checked(DropArea.Inbound, claimName);
        if (File.Exists(claim))
        {
            // Only this poller makes claims of this name, and it never overwrites one it could not put back.
            return Task.FromResult(false);
        }

        try
        {
            // A plain rename(2): atomic, and the source can be renamed away only once, so of several claimers
            // exactly one succeeds; the others find the file gone.
            File.Move(Checked(DropArea.Inbound, name), claim, overwrite: true);
            return Task.FromResult(true);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<MoveResult> MoveAsync(DropArea sourceArea, string name, DropArea targetArea, string newName, CancellationToken cancellationToken)
    {
        string source = Checked(sourceArea, name);
        string target = Checked(targetArea, newName);
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

    public Task<Stream> OpenReadAsync(DropArea area, string name, CancellationToken cancellationToken)
    {
        // Looked at before and after the open: a link put in the file's place has to come and go between the two.
        string path = Checked(area, name);
        if (IsLink(new FileInfo(path)))
        {
            throw new IOException($"{path} is a symbolic link: DelTran does not follow it.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (IsLink(new FileInfo(path)) || new DirectoryInfo(Path.GetDirectoryName(path)!).LinkTarget is not null)
        {
            stream.Dispose();
            throw new IOException($"{path} became a symbolic link while it was opened: DelTran does not follow it.");
        }

        return Task.FromResult<Stream>(stream);
    }

    public async Task<bool> TryWriteAsync(DropArea area, string name, Stream content, CancellationToken cancellationToken)
    {
        string target = Checked(area, name);
        if (File.Exists(target))
        {
            return false;
        }

        string temporary = Checked(area, DropNames.Temporary(name));
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
        File.Delete(Checked(area, name));
        return Task.CompletedTask;
    }
}
