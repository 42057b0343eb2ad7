namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// A read-only stream over a database value that is read as it is consumed; disposing it releases what the read
/// holds (reader, command, the context's open connection), in order.
/// </summary>
public sealed class OwningReadStream(Stream inner, params Func<ValueTask>[] releases) : Stream
{
    private bool _released;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async ValueTask ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        await inner.DisposeAsync();
        foreach (Func<ValueTask> release in releases)
        {
            await release();
        }
    }
}
