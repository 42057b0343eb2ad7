namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// How every answer reaches a participant's outbound/ folder: written under a hidden name and renamed, never over
/// another file. A name already holding the same bytes counts as written (a redelivery, a second instance); a name
/// holding other bytes makes the answer take the next candidate name.
/// </summary>
public static class OutboundFiles
{
    /// <summary>Writes <paramref name="content"/> under the first of <paramref name="candidates"/> it can have; returns that name.</summary>
    public static async Task<string> WriteAsync(IDropFolder folder, IReadOnlyList<string> candidates, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(content);
        foreach (string candidate in candidates)
        {
            content.Position = 0;
            if (await folder.TryWriteAsync(DropArea.Outbound, candidate, content, cancellationToken) || await HoldsAsync(folder, DropArea.Outbound, candidate, content, cancellationToken))
            {
                return candidate;
            }
        }

        throw new IOException($"Cannot write {candidates[0]} to outbound/ in {folder.Location}: its names are taken by other files.");
    }

    /// <summary>True when the folder's file holds exactly the bytes of <paramref name="content"/>.</summary>
    public static async Task<bool> HoldsAsync(IDropFolder folder, DropArea area, string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(content);
        if (await folder.GetAsync(area, name, cancellationToken) is not { } existing || existing.Length != content.Length)
        {
            return false;
        }

        await using Stream stream = await folder.OpenReadAsync(area, name, cancellationToken);
        content.Position = 0;
        return await StreamComparison.EqualAsync(stream, content, cancellationToken);
    }

    /// <summary>
    /// A temporary file, deleted when closed, to spool an answer from the database into before it is written (and
    /// compared) from there: memory does not grow with the answer, and no database read stays open while a server is slow.
    /// </summary>
    public static FileStream Spool() => new(
        Path.Combine(Path.GetTempPath(), "deltran-delivery-" + Guid.NewGuid().ToString("N") + ".xml"),
        FileMode.CreateNew,
        FileAccess.ReadWrite,
        FileShare.None,
        1 << 16,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);
}
