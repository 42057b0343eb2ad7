namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// One participant's drop folder on one channel: the only thing the watched folder and SFTP do differently.
/// Every operation is a single file-system call where atomicity matters, so two DelTran instances
/// working on the same folder cannot both take a file, and a reader never sees half a file.
/// </summary>
public interface IDropFolder
{
    /// <summary>"folder" or "sftp", as recorded on the inbound file.</summary>
    string Channel { get; }

    /// <summary>The participant's BIC8.</summary>
    string Participant { get; }

    /// <summary>Where the folder is, for logs (no credentials).</summary>
    string Location { get; }

    /// <summary>Creates the four folders where they are missing.</summary>
    Task EnsureLayoutAsync(CancellationToken cancellationToken);

    /// <summary>The regular files of a folder (hidden ones too).</summary>
    Task<IReadOnlyList<DropFile>> ListAsync(DropArea area, CancellationToken cancellationToken);

    /// <summary>The file, or null when it does not exist.</summary>
    Task<DropFile?> GetAsync(DropArea area, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Renames inbound/<paramref name="name"/> to inbound/<paramref name="claimName"/> (a name no one else uses)
    /// so that of several instances claiming the same file at once exactly one succeeds; false for the others.
    /// </summary>
    Task<bool> TryClaimAsync(string name, string claimName, CancellationToken cancellationToken);

    /// <summary>Renames a file atomically, possibly into another of the four folders; never overwrites.</summary>
    Task<MoveResult> MoveAsync(DropArea sourceArea, string name, DropArea targetArea, string newName, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(DropArea area, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a whole file under a hidden temporary name and then renames it to <paramref name="name"/>, so a
    /// reader never sees it half written. Never overwrites: false (and nothing written) when the name exists.
    /// The content is copied from the stream's current position to its end, a buffer at a time.
    /// </summary>
    Task<bool> TryWriteAsync(DropArea area, string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Deletes a file if it exists.</summary>
    Task DeleteAsync(DropArea area, string name, CancellationToken cancellationToken);
}
