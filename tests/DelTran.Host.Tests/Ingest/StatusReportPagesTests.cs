using System.Xml.Linq;
using DelTran.Core.Pipeline;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Ingest;

/// <summary>
/// The pacs.002 reads its entries in pages of consecutive indexes: every transaction once, in index order, whether the
/// indexes start at zero or not and whatever gaps they have (a gap may leave a whole page empty).
/// </summary>
public sealed class StatusReportPagesTests
{
    private static readonly XNamespace Pacs002 = "urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task StatusReport_HasEveryTransactionOnceInIndexOrder_WhenTheIndexesHaveGapsLargerThanAPage(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode);
        int page = CompleteMessageConsumer.ReportPageSize;
        // Not from zero, two neighbours, a page boundary crossed, then a gap of two whole pages and the last page's last index.
        int[] indexes = [3, 4, page - 1, page, page + 10, (3 * page) + 1, (4 * page) - 1];
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Guid fileId = Guid.CreateVersion7();
        Guid messageId = Guid.CreateVersion7();

        await using (DelTranDbContext db = host.Db())
        {
            db.InboundFiles.Add(new InboundFileRow { Id = fileId, ParticipantBic = "SRCBINBB", Channel = "test", OriginalName = "gaps.xml", Sha256 = Convert.ToHexString(fileId.ToByteArray()), Size = 1, ReceivedAt = now, Status = InboundFileStatus.Parsed, MessageId = messageId });
            db.Messages.Add(new MessageRow { Id = messageId, InboundFileId = fileId, SenderBic = "SRCBINBB", MsgId = "GAPS-" + messageId.ToString("N")[..12], MessageType = "pacs.008.001.08", TransactionCount = indexes.Length, State = MessageLifecycle.Processing, ReceivedAt = now });
            db.Transactions.AddRange(indexes.Select((index, i) => new TransactionRow
            {
                Id = Guid.CreateVersion7(),
                MessageId = messageId,
                Index = index,
                EndToEndId = "E2E-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Currency = "INR",
                Amount = 100m,
                DebtorAgent = "SRCBINBB",
                CreditorAgent = "DSTBAEAD",
                State = i % 2 == 0 ? TransactionState.Accepted : TransactionState.Rejected,
                ReasonCode = i % 2 == 0 ? null : "AM14",
                ReasonText = i % 2 == 0 ? null : "Refused for the test.",
                UpdatedAt = now,
            }));
            // The completion check goes through the outbox, as the stages send it: its dispatcher waits for the bus's
            // queues before the first publish (published straight after start it could meet an exchange nothing is bound to).
            Outbox.Add(db, new CompleteMessage(Guid.CreateVersion7(), messageId), now);
            await db.SaveChangesAsync();
        }

        MessageRow message = await host.WaitForCompletionAsync(fileId, TimeSpan.FromMinutes(1));

        await using DelTranDbContext check = host.Db();
        string xml = await check.StatusReports.AsNoTracking().Where(r => r.MessageId == message.Id).Select(r => r.Xml).SingleAsync();
        List<XElement> entries = [.. XDocument.Parse(xml).Descendants(Pacs002 + "TxInfAndSts")];
        Assert.Equal(indexes.Select(i => "E2E-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), entries.Select(e => e.Element(Pacs002 + "OrgnlEndToEndId")?.Value));
        Assert.Equal(indexes.Select((_, i) => i % 2 == 0 ? "ACCP" : "RJCT"), entries.Select(e => e.Element(Pacs002 + "TxSts")?.Value));
        Assert.Equal("PART", message.GroupStatus);
    }
}
