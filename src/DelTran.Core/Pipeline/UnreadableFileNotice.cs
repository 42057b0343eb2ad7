using System.Globalization;
using System.Text;

namespace DelTran.Core.Pipeline;

/// <summary>
/// The answer to a file that could not be read as a message at all. A pacs.002 must quote the original message's
/// identification (OrgnlMsgId), which such a file does not give, so the sender gets a plain-text notice named after
/// its file instead: what was received, each reason with its ISO code (FF01 for a file that is not a readable
/// message), and what to do.
/// </summary>
public static class UnreadableFileNotice
{
    /// <summary>True when a message's answer must be this notice: no message identification could be read.</summary>
    public static bool Applies(string? originalMessageId) => string.IsNullOrWhiteSpace(originalMessageId);

    /// <summary>
    /// The notice's text, deterministic for the same inputs. <paramref name="reasons"/> are the stored reason lines
    /// ("CODE path: message"); none gives FF01 alone.
    /// </summary>
    public static string Compose(ReceivedFile file, string? reasons)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = new StringBuilder();
        text.Append("DelTran could not read this file as an ISO 20022 message, so it has no pacs.002: a pacs.002 must quote\n");
        text.Append("the original message identification (MsgId), which could not be read.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"File:      {file.Name}\n");
        text.Append(CultureInfo.InvariantCulture, $"Received:  {file.ReceivedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        text.Append(CultureInfo.InvariantCulture, $"Size:      {file.Size} bytes\n");
        text.Append(CultureInfo.InvariantCulture, $"SHA-256:   {file.Sha256}\n\n");
        text.Append("Reasons:\n");
        string[] lines = (reasons ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            lines = ["FF01 /: The file is not a readable message."];
        }

        foreach (string line in lines)
        {
            text.Append("  ").Append(line).Append('\n');
        }

        text.Append('\n');
        text.Append("No payment in this file was accepted. Correct the file and send it again; a file with the same bytes\n");
        text.Append("is answered with this notice again.\n");
        return text.ToString();
    }
}
