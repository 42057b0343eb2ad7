using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Tests.Iso20022.Writing;

/// <summary>Tests that measure the whole managed heap run alone: after the parallel tests, with none beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurement";
}

[Collection(HeapMeasurementCollection.Name)]
public sealed class StatusReportWriterStreamingTests
{
    private static readonly Bic Saraswati = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Kaveri = Bic.Parse("KVRIINBB");

    // How fast the writer goes is a figure for bench/, not a test: `bench/close.sh --breakdown` times writing a window's
    // pacs.002 files from memory (StatusReportWriter), beside the reference run.
    [Fact]
    public void Write_StreamsInSmallConstantMemory_For200kTransactions()
    {
        const int count = 200_000;
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long midway = 0;
        var counter = new CountingStream();

        IEnumerable<TransactionStatusEntry> Entries()
        {
            for (int i = 0; i < count; i++)
            {
                if (i == count * 3 / 4)
                {
                    // Three quarters through: a writer holding a DOM or a buffer would hold ~150k transactions now.
                    midway = GC.GetTotalMemory(forceFullCollection: true);
                }

                yield return new TransactionStatusEntry($"E2E-{i:D8}", TransactionStatus.Accepted)
                {
                    OriginalUetr = Uetr.FromGuid(new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8)),
                    OriginalAmount = new Money(100m + i, Currency.Inr),
                    OriginalDebtorAgent = Saraswati,
                    OriginalCreditorAgent = Kaveri,
                };
            }
        }

        StatusReportWriter.Write(counter, StatusReportWriterTests.AcceptedReport() with { Transactions = Entries() });

        Assert.True(midway > 0, "the memory probe never ran");
        long growth = midway - baseline;
        Assert.True(counter.BytesWritten > count * 400L, $"only {counter.BytesWritten} bytes written");
        Assert.True(growth < 4 * 1024 * 1024, $"managed heap grew by {growth / 1024} kB while streaming");
    }

    /// <summary>A write-only stream that keeps nothing but the count.</summary>
    private sealed class CountingStream : Stream
    {
        public long BytesWritten { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => BytesWritten;

        public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => BytesWritten += count;

        public override void Write(ReadOnlySpan<byte> buffer) => BytesWritten += buffer.Length;
    }
}
