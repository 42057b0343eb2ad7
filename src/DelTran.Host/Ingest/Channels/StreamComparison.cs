namespace DelTran.Host.Ingest.Channels;

/// <summary>Byte-for-byte comparison of two streams, a buffer at a time.</summary>
public static class StreamComparison
{
    private const int BufferSize = 1 << 16;

    /// <summary>True when both streams hold the same bytes from their current positions to their ends.</summary>
    public static async Task<bool> EqualAsync(Stream a, Stream b, CancellationToken cancellationToken)
    {
        byte[] left = new byte[BufferSize];
        byte[] right = new byte[BufferSize];
        while (true)
        {
            int l = await a.ReadAtLeastAsync(left, BufferSize, throwOnEndOfStream: false, cancellationToken);
            int r = await b.ReadAtLeastAsync(right, BufferSize, throwOnEndOfStream: false, cancellationToken);
            if (l != r || !left.AsSpan(0, l).SequenceEqual(right.AsSpan(0, r)))
            {
                return false;
            }

            if (l < BufferSize)
            {
                return true;
            }
        }
    }
}
