using System.Globalization;
using System.Text;

namespace DelTran.Host.Ingest.Channels;

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
