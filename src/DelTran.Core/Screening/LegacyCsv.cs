using System.Globalization;
using System.Text;

namespace DelTran.Core.Screening;

/// <summary>
/// Reads the line-oriented CSV that sanctions publishers use: one record per line, double-quoted text
/// fields with "" as an escaped quote, and OFAC's literal <c>-0-</c> for null. A record never spans lines
/// in these files, so a quote left open at the end of a line is an error, which is how a truncated file shows.
/// </summary>
internal sealed class LegacyCsv : IDisposable
{
    // OFAC ends its legacy files with a DOS end-of-file byte on a line of its own.
    internal const char EndOfFileMarker = '\u001A';

    private readonly StreamReader _reader;
    private bool _done;

    public LegacyCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // Invalid UTF-8 becomes U+FFFD, reported per line, rather than an exception mid-file.
        _reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
    }

    /// <summary>1-based number of the line last returned by <see cref="ReadLine"/>.</summary>
    public int LineNumber { get; private set; }

    /// <summary>True once the end-of-file marker was read as the file's last content.</summary>
    public bool SawEndOfFileMarker { get; private set; }

    /// <summary>Bytes that followed the end-of-file marker: not the legacy format any more.</summary>
    public bool ContentAfterMarker { get; private set; }

    /// <summary>The next non-empty data line, or null at the end (the marker itself is consumed, not returned).</summary>
    public string? ReadLine()
    {
        while (!_done)
        {
            string? line = _reader.ReadLine();
            if (line is null)
            {
                _done = true;
                return null;
            }

            LineNumber++;
            int marker = line.IndexOf(EndOfFileMarker, StringComparison.Ordinal);
            if (marker >= 0)
            {
                _done = true;
                SawEndOfFileMarker = true;
                ContentAfterMarker = line.AsSpan(marker + 1).Trim().Length > 0 || _reader.ReadToEnd().AsSpan().Trim().Length > 0;

                // Whatever precedes the marker on its line is still data (a copy whose last CRLF was dropped).
                return marker > 0 ? line[..marker] : null;
            }

            if (line.Length > 0)
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Splits one line into fields; a null field is OFAC's <c>-0-</c>. Returns false with a reason when the line is malformed.</summary>
    public static bool TrySplit(string line, List<string?> fields, out string? error)
    {
        fields.Clear();
        error = null;
        int i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "unterminated quoted field";
                        return false;
                    }

                    char c = line[i++];
                    if (c != '"')
                    {
                        text.Append(c);
                    }
                    else if (i < line.Length && line[i] == '"')
                    {
                        text.Append('"');
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                fields.Add(text.ToString());
                if (i < line.Length && line[i] != ',')
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"unexpected character after a closing quote at column {i + 1}");
                    return false;
                }
            }
            else
            {
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                string bare = line[i..end].Trim();
                if (bare.Contains('"', StringComparison.Ordinal))
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"stray quote in an unquoted field at column {i + 1}");
                    return false;
                }

                fields.Add(bare == "-0-" ? null : bare);
                i = end;
            }

            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }

    /// <summary>Why a line is not text (invalid UTF-8 or a control character), or null when it is.</summary>
    public static string? TextProblem(string line)
    {
        foreach (char c in line)
        {
            if (c == '\uFFFD')
            {
                return "bytes that are not valid UTF-8 text";
            }

            if (char.IsControl(c) && c != '\t')
            {
                return string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4}");
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
