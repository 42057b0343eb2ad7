using System.Globalization;
using System.Text;

namespace DelTran.Host.Ingest.Channels;

/// <summary>The four folders of a participant's drop folder.</summary>
public enum DropArea
{
    Inbound,
    Processed,
    Rejected,
    Outbound,
}

/// <summary>A regular file in a drop folder, as listed.</summary>
public sealed record DropFile(string Name, long Length, DateTimeOffset LastWriteUtc);

public enum MoveResult
{
    Moved,

    /// <summary>The file is not there (any more): someone else moved it first.</summary>
    SourceMissing,

    /// <summary>A file of the target name exists; nothing was moved or overwritten.</summary>
    TargetExists,
}

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

/// <summary>The channel names recorded on inbound files.</summary>
public static class DropChannels
{
    public const string Folder = "folder";

    public const string Sftp = "sftp";

    public static bool IsDropChannel(string channel) => channel is Folder or Sftp;
}

/// <summary>The naming conventions of drop folders: what is skipped, claims, suffixes and report names.</summary>
public static class DropNames
{
    /// <summary>Longest file name (in UTF-8 bytes) that Linux file systems accept.</summary>
    public const int MaxNameBytes = 255;

    private const string ClaimPrefix = ".claim-";
    private const string ClaimTimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Folder names of the four areas.</summary>
    public static string Folder(DropArea area) => area switch
    {
        DropArea.Inbound => "inbound",
        DropArea.Processed => "processed",
        DropArea.Rejected => "rejected",
        DropArea.Outbound => "outbound",
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static IReadOnlyList<DropArea> Areas { get; } = [DropArea.Inbound, DropArea.Processed, DropArea.Rejected, DropArea.Outbound];

    /// <summary>Hidden files and the names writers use while a file is still being written are never taken.</summary>
    public static bool IsIgnored(string name) =>
        name.StartsWith('.')
        || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase);

    public static bool Fits(string name) => Encoding.UTF8.GetByteCount(name) <= MaxNameBytes;

    /// <summary>".claim-&lt;owner&gt;-&lt;UTC time&gt;-&lt;name&gt;": hidden, so no poller takes it, and saying who took the file when.</summary>
    public static string Claim(string owner, DateTimeOffset at, string name) =>
        ClaimPrefix + owner + "-" + at.UtcDateTime.ToString(ClaimTimeFormat, CultureInfo.InvariantCulture) + "-" + name;

    public static bool TryParseClaim(string claimName, out string owner, out DateTimeOffset at, out string name)
    {
        owner = name = string.Empty;
        at = default;
        if (!claimName.StartsWith(ClaimPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = claimName[ClaimPrefix.Length..];
        int dash = rest.IndexOf('-', StringComparison.Ordinal);
        const int timeLength = 16;
        if (dash <= 0 || rest.Length < dash + 1 + timeLength + 2 || rest[dash + 1 + timeLength] != '-'
            || !DateTime.TryParseExact(rest.AsSpan(dash + 1, timeLength), ClaimTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
        {
            return false;
        }

        owner = rest[..dash];
        at = new DateTimeOffset(time, TimeSpan.Zero);
        name = rest[(dash + 1 + timeLength + 1)..];
        return true;
    }

    /// <summary>"stem.tag.ext": the name used when <paramref name="name"/> is taken; the stem is shortened if need be.</summary>
    public static string Suffixed(string name, string tag)
    {
        string extension = Path.GetExtension(name);
        string stem = name[..^extension.Length];
        string result = $"{stem}.{tag}{extension}";
        while (!Fits(result) && stem.Length > 1)
        {
            stem = stem[..^1];
            result = $"{stem}.{tag}{extension}";
        }

        return result;
    }

    /// <summary>The outbound name of a file's pacs.002: "&lt;name without .xml&gt;.pacs002.xml".</summary>
    public static string Report(string originalName) => Stem(originalName) + ".pacs002.xml";

    /// <summary>
    /// The outbound name of the notice for a file that could not be read as a message: "&lt;name without .xml&gt;.error.txt"
    /// (<see cref="DelTran.Core.Pipeline.UnreadableFileNotice"/>).
    /// </summary>
    public static string Error(string originalName) => Stem(originalName) + ".error.txt";

    // An answer is named after the file without its .xml.
    private static string Stem(string originalName) =>
        originalName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? originalName[..^4] : originalName;

    /// <summary>A hidden temporary name beside the target, for writes that end in a rename.</summary>
    public static string Temporary(string name) => Suffixed("." + name, "tmp-" + Guid.NewGuid().ToString("N")[..12]);
}
