using System.Globalization;
using System.Text;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest.Channels;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Infrastructure.Persistence;

/// <summary>
/// The stored pacs.002 read back as a stream: byte for byte the stored report, however many buffers and pages it
/// spans, and the context is usable again once the stream is disposed.
/// </summary>
public sealed class StatusReportStreamTests
{
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task OpenStatusReport_StreamsTheStoredReportByteForByte_WhenItSpansManyPages(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, start: false);
        var dialect = host.Services.GetRequiredService<IDatabaseDialect>();
        Guid messageId = Guid.CreateVersion7();
        byte[] report = Report(20_000);
        await StoreAsync(host, dialect, messageId, report);

        await using DelTranDbContext db = host.Db();
        await using (Stream stream = await dialect.OpenStatusReportAsync(db, messageId, CancellationToken.None) ?? throw new InvalidOperationException("no report"))
        {
            // Odd-sized reads, so that reads straddle the database's pages and the driver's buffers.
            var read = new MemoryStream();
            byte[] buffer = new byte[7919];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                read.Write(buffer, 0, n);
            }

            Assert.Equal(report.Length, read.Length);
            Assert.True(report.AsSpan().SequenceEqual(read.ToArray()), "the streamed report differs from the stored one");
        }

        // The same as what EF reads as text, and the context works on afterwards.
        string stored = await db.StatusReports.AsNoTracking().Where(r => r.MessageId == messageId).Select(r => r.Xml).SingleAsync();
        Assert.Equal(Encoding.UTF8.GetString(report), stored);
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task OpenStatusReport_GivesNull_WhenNoReportIsStored(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, start: false);
        var dialect = host.Services.GetRequiredService<IDatabaseDialect>();
        await using DelTranDbContext db = host.Db();

        Assert.Null(await dialect.OpenStatusReportAsync(db, Guid.CreateVersion7(), CancellationToken.None));
        Assert.Equal(0, await db.StatusReports.CountAsync());
    }

    [Fact]
    public async Task EqualAsync_ComparesWholeStreams_AcrossBufferBoundaries()
    {
        byte[] content = Report(3_000);
        byte[] changed = (byte[])content.Clone();
        changed[^1] ^= 1;

        Assert.True(await StreamComparison.EqualAsync(new MemoryStream(content), new MemoryStream(content), CancellationToken.None));
        Assert.False(await StreamComparison.EqualAsync(new MemoryStream(content), new MemoryStream(changed), CancellationToken.None));
        Assert.False(await StreamComparison.EqualAsync(new MemoryStream(content), new MemoryStream(content[..^1]), CancellationToken.None));
        Assert.False(await StreamComparison.EqualAsync(new MemoryStream(content[..(1 << 16)]), new MemoryStream(content), CancellationToken.None));
        Assert.True(await StreamComparison.EqualAsync(new MemoryStream([]), new MemoryStream([]), CancellationToken.None));
    }

    private static async Task StoreAsync(PipelineHost host, IDatabaseDialect dialect, Guid messageId, byte[] report)
    {
        await using DelTranDbContext db = host.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await dialect.InsertStatusReportAsync(db, messageId, "RPT-" + messageId.ToString("N")[..12], new MemoryStream(report), DateTimeOffset.UtcNow, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>A pacs.002-like document of <paramref name="entries"/> entries, with names outside ASCII (multi-byte UTF-8).</summary>
    private static byte[] Report(int entries)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document><FIToFIPmtStsRpt>");
        for (int i = 0; i < entries; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<TxInfAndSts><OrgnlEndToEndId>E2E-{i:D6}</OrgnlEndToEndId><TxSts>{(i % 7 == 0 ? "RJCT" : "ACCP")}</TxSts><AddtlInf>Zoë Müller · दिल्ली · دبي {i}</AddtlInf></TxInfAndSts>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</FIToFIPmtStsRpt></Document>").ToString());
    }
}
