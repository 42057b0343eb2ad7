using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Clients;
using DelTran.Host.Tests.Pipeline;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Endpoints;

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
