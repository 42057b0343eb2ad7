using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// Participants receive their settlement outputs through the API (issue 15, item 3): once a window settles, each reads
/// its own ACSC pacs.002 (named after the message it sent) and its camt.053, and nothing of another's; operators read
/// every file, the audit pack included. Before, these files were in the operators' folder only.
/// </summary>
public sealed class ReportsApiTests
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task AfterASettlement_EachParticipantReadsItsOwnConfirmationsAndStatements_AndOperatorsReadAll()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        string msgId = await PayAndSettleAsync(server, "REPORTS");
        using HttpClient ops = server.Client(OperatorKey);

        using HttpClient sender = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient receiver = server.Client(ApiServer.DemoKey("EPRLAEAD"));
        using HttpClient bystander = server.Client(ApiServer.DemoKey("PRRIUS44"));
        string[] senderFiles = await FilesAsync(sender);
        string[] receiverFiles = await FilesAsync(receiver);
        string[] operatorFiles = await FilesAsync(ops);

        // The sender: the ACSC report of its message, named after it, and its statement; the receiver: its statement.
        Assert.Equal([$"INR-000001/camt053/SRCBINBB-INR.xml", $"INR-000001/pacs002/SRCBINBB-{msgId}.xml"], senderFiles);
        Assert.Equal(["INR-000001/camt053/EPRLAEAD-INR.xml"], receiverFiles);
        Assert.Empty(await FilesAsync(bystander));
        Assert.Contains("INR-000001/audit/manifest.json", operatorFiles);
        Assert.Superset(new HashSet<string>(senderFiles.Concat(receiverFiles)), new HashSet<string>(operatorFiles));

        string acsc = await sender.GetStringAsync(new Uri($"/api/v1/reports/INR-000001/files/pacs002/SRCBINBB-{msgId}.xml", UriKind.Relative));
        Assert.Contains("<TxSts>ACSC</TxSts>", acsc, StringComparison.Ordinal);
        Assert.Contains(msgId, acsc, StringComparison.Ordinal);

        // Another's file, the audit pack and a way out of the folder are all "no such file" to a participant.
        foreach (string path in new[] { "INR-000001/files/camt053/SRCBINBB-INR.xml", "INR-000001/files/audit/manifest.json", "INR-000001/files/../INR-000001/camt053/SRCBINBB-INR.xml" })
        {
            using HttpResponseMessage refused = await receiver.GetAsync(new Uri($"/api/v1/reports/{path}", UriKind.Relative));
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)refused.StatusCode}");
        }

        using HttpClient anonymous = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/reports", UriKind.Relative))).StatusCode);
    }

    /// <summary>
    /// The same outputs reach each participant's outbound/ folder on the watched folder channel, and only its own
    /// (issue 15, item 3); an HTTP submitter with a folder gets its settlement confirmation there too.
    /// </summary>
    [Fact]
    public async Task AfterASettlement_EachParticipantsOutboundFolderHoldsItsOwnOutputs()
    {
        string root = Directory.CreateTempSubdirectory("deltran-outputs-").FullName;
        try
        {
            await using MockBankServer bank = await MockBankServer.StartAsync();
            await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?>
            {
                ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
                ["DelTran:Channels:Folder:Enabled"] = "true",
                ["DelTran:Channels:Folder:Root"] = root,
                ["DelTran:Channels:Folder:PollInterval"] = "00:00:00.100",
            });
            string msgId = await PayAndSettleAsync(server, "OUTBOUND");

            string[] Outbound(string bic) => [.. Directory.EnumerateFiles(Path.Combine(root, bic, "outbound")).Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith("INR-000001.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

            // Delivered after the audit pack is written (before the window counts as reported): wait for the files themselves.
            await Eventually.HoldsAsync(() => Outbound("SRCBINBB").Length >= 2 && Outbound("EPRLAEAD").Length >= 1, "the outputs in the outbound folders");
            Assert.Equal(["INR-000001.camt053.SRCBINBB-INR.xml", $"INR-000001.pacs002.SRCBINBB-{msgId}.xml"], Outbound("SRCBINBB"));
            Assert.Equal(["INR-000001.camt053.EPRLAEAD-INR.xml"], Outbound("EPRLAEAD"));
            foreach (string other in new[] { "KVRIINBB", "FLCNAEAA", "LBHBUS33", "PRRIUS44" })
            {
                Assert.Empty(Outbound(other));
            }

            // The bytes are the report's, as the API gives it.
            using HttpClient sender = server.Client(ApiServer.DemoKey("SRCBINBB"));
            Assert.Equal(
                await sender.GetStringAsync(new Uri("/api/v1/reports/INR-000001/files/camt053/SRCBINBB-INR.xml", UriKind.Relative)),
                await File.ReadAllTextAsync(Path.Combine(root, "SRCBINBB", "outbound", "INR-000001.camt053.SRCBINBB-INR.xml")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// A statement lists its transactions up to DelTran:Clearing:StatementTransactionLimit and names a detail file beyond
    /// it (issue 15, item 6). With a limit of 2, SRCBINBB pays EPRLAEAD twice and KVRIINBB once: SRCBINBB's entry books 3,
    /// so its camt.053 names SRCBINBB-INR.transactions.csv, which reaches SRCBINBB's outbound folder and API listing and
    /// nobody else's; EPRLAEAD (2) and KVRIINBB (1) read theirs in the statement itself.
    /// </summary>
    [Fact]
    public async Task AfterASettlement_AStatementsDetailFile_ReachesItsParticipantOnly_WhenItBooksMoreTransactionsThanTheLimit()
    {
        string root = Directory.CreateTempSubdirectory("deltran-details-").FullName;
        try
        {
            await using MockBankServer bank = await MockBankServer.StartAsync();
            await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?>
            {
                ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
                ["DelTran:Clearing:StatementTransactionLimit"] = "2",
                ["DelTran:Channels:Folder:Enabled"] = "true",
                ["DelTran:Channels:Folder:Root"] = root,
                ["DelTran:Channels:Folder:PollInterval"] = "00:00:00.100",
            });
            var payments = new (string EndToEndId, string Uetr, string Creditor, string Amount)[]
            {
                ("TO-EPRL-1", TestMessages.Uetr(), "EPRLAEADXXX", "100.00"),
                ("TO-EPRL-2", TestMessages.Uetr(), "EPRLAEADXXX", "200.00"),
                ("TO-KVRI-1", TestMessages.Uetr(), "KVRIINBBXXX", "300.00"),
            };
            var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("DETAILS") };
            foreach ((string endToEndId, string uetr, string creditor, string amount) in payments)
            {
                builder.Add(tx =>
                {
                    (tx.EndToEndId, tx.Uetr, tx.CreditorAgent, tx.Amount) = (endToEndId, uetr, creditor, amount);
                    tx.CreditorIban = creditor.StartsWith("EPRL", StringComparison.Ordinal) ? tx.CreditorIban : null;
                });
            }

            Guid file = await server.SubmitAcceptedAsync("SRCBINBB", Encoding.UTF8.GetBytes(builder.Build()));
            await server.WaitForCompletionAsync("SRCBINBB", file);
            using HttpClient ops = server.Client(OperatorKey);
            Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync(new Uri("/api/v1/windows/INR/close", UriKind.Relative), null)).StatusCode);

            const string detail = "INR-000001.camt053.SRCBINBB-INR.transactions.csv";
            string[] Outbound(string bic) => [.. Directory.EnumerateFiles(Path.Combine(root, bic, "outbound")).Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith("INR-000001.camt053.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            await Eventually.HoldsAsync(() => Outbound("SRCBINBB").Length >= 2 && Outbound("EPRLAEAD").Length >= 1 && Outbound("KVRIINBB").Length >= 1, "the statements in the outbound folders");

            // SRCBINBB: the statement and its detail file; the others: their statements only.
            Assert.Equal(["INR-000001.camt053.SRCBINBB-INR.transactions.csv", "INR-000001.camt053.SRCBINBB-INR.xml"], Outbound("SRCBINBB"));
            Assert.Equal(["INR-000001.camt053.EPRLAEAD-INR.xml"], Outbound("EPRLAEAD"));
            Assert.Equal(["INR-000001.camt053.KVRIINBB-INR.xml"], Outbound("KVRIINBB"));
            foreach (string other in new[] { "FLCNAEAA", "LBHBUS33", "PRRIUS44" })
            {
                Assert.Empty(Directory.EnumerateFiles(Path.Combine(root, other, "outbound"), "*.transactions.csv"));
            }

            // SRCBINBB's statement counts its three transactions, lists none and names the file; it stays valid.
            XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
            string sourceXml = await File.ReadAllTextAsync(Path.Combine(root, "SRCBINBB", "outbound", "INR-000001.camt053.SRCBINBB-INR.xml"));
            Assert.Empty(TestMessages.SchemaErrors(sourceXml, "camt.053.001.08"));
            XElement entry = Assert.Single(XDocument.Parse(sourceXml).Descendants(ns + "Ntry"));
            Assert.Equal("3", entry.Descendants(ns + "NbOfTxs").Single().Value);
            Assert.Empty(entry.Descendants(ns + "TxDtls"));
            Assert.Contains("SRCBINBB-INR.transactions.csv", entry.Element(ns + "AddtlNtryInf")!.Value, StringComparison.Ordinal);

            // The detail file: each payment's references, direction, amount and counterparty, as the API gives it too.
            string[] lines = (await File.ReadAllTextAsync(Path.Combine(root, "SRCBINBB", "outbound", detail))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("end_to_end_id,uetr,direction,currency,amount,counterparty_bic", lines[0]);
            Assert.Equal(payments.Select(p => $"{p.EndToEndId},{p.Uetr},DBIT,INR,{p.Amount},{p.Creditor[..8]}"), lines.Skip(1));
            using HttpClient sender = server.Client(ApiServer.DemoKey("SRCBINBB"));
            using HttpClient receiver = server.Client(ApiServer.DemoKey("EPRLAEAD"));
            Assert.Contains("INR-000001/camt053/SRCBINBB-INR.transactions.csv", await FilesAsync(sender));
            Assert.DoesNotContain(await FilesAsync(receiver), f => f.EndsWith(".transactions.csv", StringComparison.Ordinal));
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(root, "SRCBINBB", "outbound", detail)),
                await sender.GetStringAsync(new Uri("/api/v1/reports/INR-000001/files/camt053/SRCBINBB-INR.transactions.csv", UriKind.Relative)));
            using HttpResponseMessage refused = await receiver.GetAsync(new Uri("/api/v1/reports/INR-000001/files/camt053/SRCBINBB-INR.transactions.csv", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

            // EPRLAEAD's statement lists its two payments received, each with its references and the payer.
            string receiverXml = await File.ReadAllTextAsync(Path.Combine(root, "EPRLAEAD", "outbound", "INR-000001.camt053.EPRLAEAD-INR.xml"));
            Assert.Empty(TestMessages.SchemaErrors(receiverXml, "camt.053.001.08"));
            XElement[] received = [.. XDocument.Parse(receiverXml).Descendants(ns + "TxDtls")];
            Assert.Equal(["TO-EPRL-1", "TO-EPRL-2"], received.Select(t => t.Descendants(ns + "EndToEndId").Single().Value));
            Assert.Equal(payments[..2].Select(p => p.Uetr), received.Select(t => t.Descendants(ns + "UETR").Single().Value));
            Assert.All(received, t => Assert.Equal(("CRDT", "SRCBINBB"), (t.Element(ns + "CdtDbtInd")!.Value, t.Descendants(ns + "BICFI").Single().Value)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>SRCBINBB pays EPRLAEAD 2,500 INR; an operator closes INR-000001 and it settles and is reported. Returns the MsgId.</summary>
    private static async Task<string> PayAndSettleAsync(ApiServer server, string tag)
    {
        string msgId = TestMessages.UniqueMsgId(tag);
        var builder = new Pacs008Builder { MessageId = msgId };
        builder.Add(tx => { tx.EndToEndId = "TO-EPRL"; tx.Uetr = TestMessages.Uetr(); tx.Amount = "2500.00"; });
        Guid file = await server.SubmitAcceptedAsync("SRCBINBB", Encoding.UTF8.GetBytes(builder.Build()));
        await server.WaitForCompletionAsync("SRCBINBB", file);
        using HttpClient ops = server.Client(OperatorKey);
        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync(new Uri("/api/v1/windows/INR/close", UriKind.Relative), null)).StatusCode);
        await Eventually.HoldsAsync(
            () => ops.GetAsync(new Uri("/api/v1/windows/INR-000001/reports/audit/manifest.json", UriKind.Relative)).GetAwaiter().GetResult().IsSuccessStatusCode,
            "INR-000001 settled and reported");
        return msgId;
    }

    private static async Task<string[]> FilesAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/reports")).EnumerateArray()
            .SelectMany(r => r.GetProperty("files").EnumerateArray().Select(f => $"{r.GetProperty("id").GetString()}/{f.GetProperty("name").GetString()}"))];
}
