using System.Text.Json;

namespace DelTran.MockBank;

/// <summary>
/// The mock bank's books on disk (the "Books" setting, e.g. <c>--Books=/var/lib/mockbank/books.jsonl</c>): one JSON line per
/// booking, appended and flushed to the disk before the bank answers, and read back at start. A restarted bank therefore
/// replays its answers under the same keys and states the same reserve, as a real bank would. Without the setting the books
/// live in memory only.
/// </summary>
public sealed class BooksFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    /// <summary>The bookings stored so far; a last line cut short by a crash is ignored (its booking was never answered).</summary>
    public IEnumerable<StoredBooking> Read()
    {
        if (!File.Exists(Path))
        {
            yield break;
        }

        foreach (string line in File.ReadLines(Path))
        {
            StoredBooking? booking;
            try
            {
                booking = JsonSerializer.Deserialize<StoredBooking>(line, Json);
            }
            catch (JsonException)
            {
                continue;
            }

            if (booking is not null)
            {
                yield return booking;
            }
        }
    }

    public void Append(StoredBooking booking)
    {
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(booking, Json);
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }
}
