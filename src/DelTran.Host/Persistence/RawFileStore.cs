using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Persistence;

/// <summary>Inbound files' raw bytes in the database: 1 MiB chunks, written once, read back as a seekable stream.</summary>
public static class RawFileStore
{
    public const int ChunkSize = 1024 * 1024;

    /// <summary>
    /// Copies <paramref name="content"/> into chunk rows of <paramref name="fileId"/> (inside the caller's
    /// transaction) and returns its SHA-256 and length. Memory stays at one chunk whatever the size.
    /// </summary>
    public static async Task<(string Sha256, long Size)> WriteChunksAsync(DelTranDbContext db, Guid fileId, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[ChunkSize];
        long size = 0;
        int sequence = 0;
        while (true)
        {
            int filled = 0;
            while (filled < buffer.Length)
            {
                int read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            size += filled;
            if (size > maxBytes)
            {
                throw new FileTooLargeException(maxBytes);
            }

            hash.AppendData(buffer, 0, filled);
            var chunk = new InboundFileChunkRow { FileId = fileId, Sequence = sequence++, Data = buffer[..filled] };
            db.InboundFileChunks.Add(chunk);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(chunk).State = EntityState.Detached;
            if (filled < buffer.Length)
            {
                break;
            }
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>A read-only seekable stream over a stored file; it loads one chunk at a time.</summary>
    public static Stream OpenRead(Func<DelTranDbContext> dbFactory, Guid fileId, long size) => new ChunkStream(dbFactory, fileId, size);

    private sealed class ChunkStream(Func<DelTranDbContext> dbFactory, Guid fileId, long size) : Stream
    {
        private readonly DelTranDbContext _db = dbFactory();
        private byte[] _chunk = [];
        private int _chunkSequence = -1;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => size;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, size);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= size || buffer.IsEmpty)
            {
                return 0;
            }

            int sequence = (int)(_position / ChunkSize);
            if (sequence != _chunkSequence)
            {
                // Sync on purpose: XmlReader reads synchronously and the consumer runs on a pool thread.
                _chunk = _db.InboundFileChunks.AsNoTracking()
                    .Where(c => c.FileId == fileId && c.Sequence == sequence)
                    .Select(c => c.Data)
                    .FirstOrDefault() ?? throw new IOException($"Chunk {sequence} of stored file {fileId} is missing.");
                _chunkSequence = sequence;
            }

            int offsetInChunk = (int)(_position - ((long)sequence * ChunkSize));
            int count = Math.Min(buffer.Length, _chunk.Length - offsetInChunk);
            _chunk.AsSpan(offsetInChunk, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => size + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _db.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

public sealed class FileTooLargeException : Exception
{
    public FileTooLargeException(long maxBytes)
        : base($"The file is larger than the {maxBytes} byte limit.") => MaxBytes = maxBytes;

    public FileTooLargeException()
    {
    }

    public FileTooLargeException(string message)
        : base(message)
    {
    }

    public FileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long MaxBytes { get; }
}
