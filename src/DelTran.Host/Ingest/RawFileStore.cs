using System.Security.Cryptography;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace DelTran.Host.Ingest;

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
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            return await CopyChunksAsync(db, connection, fileId, content, maxBytes, cancellationToken);
        }

        return await ReadChunksAsync(content, maxBytes, async (sequence, data) =>
        {
            var chunk = new InboundFileChunkRow { FileId = fileId, Sequence = sequence, Data = data.ToArray() };
            db.InboundFileChunks.Add(chunk);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(chunk).State = EntityState.Detached;
        }, cancellationToken);
    }

    // PostgreSQL: one binary COPY for all chunks (an INSERT per chunk took ~9 s for 266 MB on the bench), in the
    // caller's transaction, with lz4 rather than pglz for TOAST.
    private static async Task<(string Sha256, long Size)> CopyChunksAsync(DelTranDbContext db, NpgsqlConnection connection, Guid fileId, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        await PostgresDialect.PreferLz4CompressionAsync(db, cancellationToken);

        // A file over maxBytes throws out of ReadChunksAsync: disposing the importer unfinished cancels the COPY,
        // and the caller rolls back.
        await using NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync("COPY inbound_file_chunks (file_id, sequence, data) FROM STDIN (FORMAT BINARY)", cancellationToken);
        (string Sha256, long Size) written = await ReadChunksAsync(content, maxBytes, async (sequence, data) =>
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(fileId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(sequence, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(data, NpgsqlDbType.Bytea, cancellationToken);
        }, cancellationToken);
        await copy.CompleteAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Reads <paramref name="content"/> in chunks of <see cref="ChunkSize"/>, hands each to <paramref name="writeChunk"/>
    /// with its sequence number, and returns the SHA-256 and length. More than <paramref name="maxBytes"/> throws
    /// <see cref="FileTooLargeException"/> before that chunk is written. The chunk's memory is reused for the next one.
    /// </summary>
    private static async Task<(string Sha256, long Size)> ReadChunksAsync(Stream content, long maxBytes, Func<int, ReadOnlyMemory<byte>, Task> writeChunk, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[ChunkSize];
        long size = 0;
        int sequence = 0;
        while (true)
        {
            int filled = await FillAsync(content, buffer, cancellationToken);
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
            await writeChunk(sequence++, new ReadOnlyMemory<byte>(buffer, 0, filled));
            if (filled < buffer.Length)
            {
                break;
            }
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
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

        return filled;
    }

    /// <summary>A read-only seekable stream over a stored file; it loads one chunk at a time.</summary>
    public static Stream OpenRead(Func<DelTranDbContext> dbFactory, Guid fileId, long size) => new ChunkStream(dbFactory, fileId, size);

    /// <summary>
    /// Reads each chunk into one buffer of its own, off the wire (sequential access), instead of a new 1 MiB array per
    /// chunk: those went to the large object heap, which is collected only with generation 2, and a 300k-transaction
    /// file left hundreds of MB of them behind between collections.
    /// </summary>
    private sealed class ChunkStream(Func<DelTranDbContext> dbFactory, Guid fileId, long size) : Stream
    {
        private readonly DelTranDbContext _db = dbFactory();
        private readonly byte[] _chunk = new byte[ChunkSize];
        private int _chunkLength;
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
                _chunkSequence = -1;
                _chunkLength = LoadChunk(sequence);
                _chunkSequence = sequence;
            }

            int offsetInChunk = (int)(_position - ((long)sequence * ChunkSize));
            int count = Math.Min(buffer.Length, _chunkLength - offsetInChunk);
            if (count <= 0)
            {
                throw new IOException($"Chunk {sequence} of stored file {fileId} is shorter than the file's size says.");
            }

            _chunk.AsSpan(offsetInChunk, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        private int LoadChunk(int sequence)
        {
            System.Data.Common.DbConnection connection = _db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open)
            {
                _db.Database.OpenConnection();
            }

            using System.Data.Common.DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT data FROM inbound_file_chunks WHERE file_id = @file AND sequence = @sequence";
            // The file id as EF stores it (uuid on PostgreSQL, text on SQLite).
            var guids = _db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalTypeMappingSource>().FindMapping(typeof(Guid))!;
            command.Parameters.Add(guids.CreateParameter(command, "file", fileId));
            System.Data.Common.DbParameter number = command.CreateParameter();
            number.ParameterName = "sequence";
            number.Value = sequence;
            command.Parameters.Add(number);
            using System.Data.Common.DbDataReader reader = command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess | System.Data.CommandBehavior.SingleRow);
            if (!reader.Read())
            {
                throw new IOException($"Chunk {sequence} of stored file {fileId} is missing.");
            }

            int filled = 0;
            long read;
            while (filled < _chunk.Length && (read = reader.GetBytes(0, filled, _chunk, filled, _chunk.Length - filled)) > 0)
            {
                filled += (int)read;
            }

            return filled;
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
                _db.Database.CloseConnection();
                _db.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
