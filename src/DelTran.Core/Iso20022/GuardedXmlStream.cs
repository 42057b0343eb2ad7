using System.Globalization;
using System.Text;

namespace DelTran.Core.Iso20022;

/// <summary>
/// Wraps an input stream and refuses input that would make an XmlReader buffer without bound:
/// a file over the size limit, or a single text or tag run longer than the markup limit (a 1 GB
/// text node, say). It also refuses any encoding but UTF-8, which the ISO 20022 XML rules require.
/// Costs two vectorised byte scans per buffer.
/// </summary>
public sealed class GuardedXmlStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private readonly int _maxRunBytes;
    private long _total;
    private long _sinceLessThan;
    private long _sinceGreaterThan;
    private bool _prologChecked;

    public GuardedXmlStream(Stream inner, long maxBytes, int maxRunBytes)
    {
        _inner = inner;
        _maxBytes = maxBytes;
        _maxRunBytes = maxRunBytes;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Inspect(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        if (!_prologChecked)
        {
            _prologChecked = true;
            CheckEncoding(chunk);
        }

        _total += chunk.Length;
        if (_total > _maxBytes)
        {
            throw new MessageStructureException("/", $"The file is larger than the {_maxBytes.ToString(CultureInfo.InvariantCulture)}-byte limit.");
        }

        _sinceLessThan = Advance(chunk, (byte)'<', _sinceLessThan, "text");
        _sinceGreaterThan = Advance(chunk, (byte)'>', _sinceGreaterThan, "tag");
    }

    private long Advance(ReadOnlySpan<byte> chunk, byte marker, long carried, string what)
    {
        int first = chunk.IndexOf(marker);
        if (first < 0)
        {
            carried += chunk.Length;
            return carried > _maxRunBytes ? throw RunTooLong(what) : carried;
        }

        if (carried + first > _maxRunBytes)
        {
            throw RunTooLong(what);
        }

        // Runs wholly inside one chunk are shorter than the chunk, which is far below the limit.
        return chunk.Length - chunk.LastIndexOf(marker) - 1;
    }

    private MessageStructureException RunTooLong(string what) =>
        new("/", $"A single {what} run is longer than {_maxRunBytes.ToString(CultureInfo.InvariantCulture)} bytes; refused as a size bomb.");

    private static void CheckEncoding(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || (start.Length >= 2 && start[0] == 0 && start[1] != 0))
        {
            throw new MessageStructureException("/", "The file is UTF-16 or UTF-32; ISO 20022 messages must be UTF-8.");
        }

        ReadOnlySpan<byte> head = start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? start[3..] : start;
        if (!head.StartsWith("<?xml"u8))
        {
            return;
        }

        int end = head.IndexOf("?>"u8);
        ReadOnlySpan<byte> declarationBytes = end > 0 ? head[..end] : head[..Math.Min(head.Length, 200)];
        // Version, encoding and standalone are ASCII by the XML grammar. Anything else is refused here: .NET's reader
        // throws ArgumentOutOfRangeException on some such declarations while it switches encoding (found by fuzzing).
        for (int i = 0; i < declarationBytes.Length; i++)
        {
            if (declarationBytes[i] is (< 0x20 and not ((byte)'\t' or (byte)'\r' or (byte)'\n')) or > 0x7E)
            {
                throw new MessageStructureException("/", $"The XML declaration holds byte 0x{declarationBytes[i]:X2} at offset {i.ToString(CultureInfo.InvariantCulture)}; it may hold only ASCII.");
            }
        }

        string declaration = Encoding.ASCII.GetString(declarationBytes);
        int at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        int quote = declaration.IndexOfAny(['"', '\''], at);
        if (quote < 0)
        {
            return;
        }

        int close = declaration.IndexOf(declaration[quote], quote + 1);
        string name = close > quote ? declaration[(quote + 1)..close] : string.Empty;
        if (!name.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) && !name.Equals("UTF8", StringComparison.OrdinalIgnoreCase))
        {
            throw new MessageStructureException("/", $"The XML declaration names encoding '{name}'; ISO 20022 messages must be UTF-8.");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The caller owns the inner stream.
        base.Dispose(disposing);
    }
}
