using System.Xml.Linq;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Ingest;

/// <summary>
/// A message larger than one stage batch, in several currencies: batches of one currency each, and one
/// pacs.002 streamed from the database with every transaction in document order.
/// </summary>
public sealed class BatchingTests
{
    private static readonly XNamespace Pacs002 = "urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10";

    [Fact]
    public void StageBatcher_GivesRangesOfOneCurrencyInterleaved_CoveringEveryTransactionOnce_WhenCurrenciesAreMixed()
    {
        string[] currencies = ["USD", "INR", "INR", "AED"];
        // Indexes with gaps: the transactions validation rejected are not added.
        var transactions = Enumerable.Range(0, (2 * ProcessInboundFileConsumer.StageBatchSize) + 10)
            .Select(i => (Index: (3 * i) + 1, Currency: currencies[i % currencies.Length]))
            .ToList();
        var batcher = new StageBatcher(ProcessInboundFileConsumer.StageBatchSize);
        transactions.ForEach(t => batcher.Add(t.Index, t.Currency));

        List<TransactionRange> batches = batcher.Batches();

        Assert.Equal(transactions.Count, batcher.Count);
        List<int>[] members = [.. batches.Select(b => transactions.Where(t => t.Currency == b.Currency && t.Index >= b.FirstIndex && t.Index <= b.LastIndex).Select(t => t.Index).ToList())];
        Assert.All(members, m => Assert.InRange(m.Count, 1, ProcessInboundFileConsumer.StageBatchSize));
        // Every transaction in exactly one batch, and each batch begins and ends on one of its own.
        Assert.Equal(transactions.Select(t => t.Index).Order(), members.SelectMany(m => m).Order());
        Assert.All(batches.Zip(members), p => Assert.Equal((p.Second[0], p.Second[^1]), (p.First.FirstIndex, p.First.LastIndex)));
        // INR has half of the 4,010 transactions, so a full batch and a rest; AED and USD a quarter each, so one batch.
        Assert.Equal([ProcessInboundFileConsumer.StageBatchSize, 5], members.Where((_, i) => batches[i].Currency == "INR").Select(m => m.Count));

        // Round-robin: the first batches are one of each currency, so the risk stage can take them side by side.
        Assert.Equal(["AED", "INR", "USD", "INR"], batches.Select(b => b.Currency));
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Pipeline_StreamsOnePacs002InDocumentOrder_WhenTheMessageSpansBatchesAndCurrencies(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode);
        var builder = new Pacs008Builder { MessageId = "BATCHES-" + Guid.NewGuid().ToString("N")[..12] };
        // More than a page of the report, and more than two stage batches.
        int count = CompleteMessageConsumer.ReportPageSize + 100;
        for (int i = 0; i < count; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.EndToEndId = "E2E-" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
                tx.Uetr = Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "b" + g[20..] : "";
                if (n % 3 == 1)
                {
                    tx.Currency = "USD";
                    tx.Amount = "10.00";
                    tx.CreditorAgent = "LBHBUS33";
                    tx.CreditorIban = null;
                }
                else
                {
                    tx.Amount = "100.00";
                }
            });
        }

        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()), TimeSpan.FromMinutes(3));
        List<TransactionRow> rows = await host.TransactionsAsync(message.Id);
        Assert.Equal(count, rows.Count);
        Assert.DoesNotContain(rows, r => TransactionStates.InStages.Contains(r.State));

        await using DelTranDbContext db = host.Db();

        // Every stage batch is of one currency. Ingest names its batches by index range: every transaction is in one.
        var currencyOf = rows.ToDictionary(r => r.Id, r => r.Currency);
        List<OutboxRow> commands = await db.Outbox.AsNoTracking().Where(o => o.MessageType == nameof(ScreenTransactions) || o.MessageType == nameof(CheckRisk) || o.MessageType == nameof(CheckLiquidity)).ToListAsync();
        Guid[][] batches = [.. commands.Select(o => Outbox.Read(o).Message switch
        {
            ScreenTransactions s => [.. rows.Where(t => t.Currency == s.Range!.Currency && t.Index >= s.Range.FirstIndex && t.Index <= s.Range.LastIndex).Select(t => t.Id)],
            CheckRisk r => r.TransactionIds,
            CheckLiquidity l => l.TransactionIds,
            _ => [],
        })];
        // INR's two thirds need two batches, USD's third one.
        Assert.Equal(3, commands.Count(o => o.MessageType == nameof(ScreenTransactions)));
        Assert.Equal(rows.Select(r => r.Id).Order(), batches.Where((_, i) => commands[i].MessageType == nameof(ScreenTransactions)).SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.InRange(b.Length, 1, ProcessInboundFileConsumer.StageBatchSize));
        Assert.All(batches, b => Assert.Single(b.Select(id => currencyOf[id]).Distinct()));

        // One report, every transaction once, in document order, with the status each one ended in.
        string xml = await db.StatusReports.AsNoTracking().Where(r => r.MessageId == message.Id).Select(r => r.Xml).SingleAsync();
        List<XElement> entries = [.. XDocument.Parse(xml).Descendants(Pacs002 + "TxInfAndSts")];
        Assert.Equal(rows.Select(r => r.EndToEndId), entries.Select(e => e.Element(Pacs002 + "OrgnlEndToEndId")?.Value));
        Assert.Equal(
            rows.Select(r => PipelineStatus.ForTransaction(r.State).ToIsoCode()),
            entries.Select(e => e.Element(Pacs002 + "TxSts")?.Value));
        Assert.Equal(message.GroupStatus, XDocument.Parse(xml).Descendants(Pacs002 + "GrpSts").Single().Value);
        Assert.Equal(rows.Count(r => r.State == TransactionState.Accepted), await db.Obligations.CountAsync());
    }
}
