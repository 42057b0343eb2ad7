using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// Instant settlement (issue 17): a debtor that chose it for a corridor pays each accepted payment its tokens cover at once,
/// ACSC in the pacs.002 straight away, with exactly one obligation in no window; the others take the window path and say why.
/// </summary>
public sealed class InstantSettlementTests
{
    private const string OperatorKey = "demo-operator-key";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Payments_SettleAtOnceInTokens_WhileTheDebtorHoldsThem_AndTheRestWaitForTheWindow(PipelineMode mode)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await StartAsync(mode, bank);
        using HttpClient mumbai = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient dubai = server.Client(ApiServer.DemoKey("EPRLAEAD"));
        using HttpClient ops = server.Client(OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = 1000m })).StatusCode);

        (JsonElement message, XDocument report) = await PayAsync(server, mumbai, 600m, 500m, 300m);

        Assert.Equal([("E2E-1", "ACSC"), ("E2E-2", "ACCP"), ("E2E-3", "ACSC")], TestMessages.TransactionStatuses(report));
        Assert.Equal("ACCP", TestMessages.GroupStatus(report));
        Assert.Equal(100m, await HeldAsync(mumbai));
        Assert.Equal(900m, await HeldAsync(dubai));

        JsonElement[] outcomes = [.. message.GetProperty("outcomes").EnumerateArray()];
        Assert.Equal(["SETTLED_IN_TOKENS", "ACCEPTED", "SETTLED_IN_TOKENS"], outcomes.Select(o => o.GetProperty("state").GetString()));
        JsonElement settled = (await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{outcomes[0].GetProperty("transactionId").GetGuid()}/trail")).GetProperty("obligation");
        Assert.Equal(("TOKENS", JsonValueKind.Null), (settled.GetProperty("path").GetString(), settled.GetProperty("window").ValueKind));
        Assert.StartsWith("SRCBINBB/#pay.", settled.GetProperty("tokenPayment").GetString(), StringComparison.Ordinal);
        JsonElement waiting = (await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{outcomes[1].GetProperty("transactionId").GetGuid()}/trail")).GetProperty("obligation");
        Assert.Equal(("WINDOW", "INR-000001"), (waiting.GetProperty("path").GetString(), waiting.GetProperty("window").GetString()));
        Assert.StartsWith("AM04 SRCBINBB has 400.00 xINR available, less than 500.00", waiting.GetProperty("notInstant").GetString(), StringComparison.Ordinal);

        // The window nets only the payment that waited for it.
        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync(new Uri("/api/v1/windows/INR/close", UriKind.Relative), null)).StatusCode);
        await Eventually.HoldsAsync(
            () => ops.GetAsync(new Uri("/api/v1/windows/INR-000001/reports/audit/manifest.json", UriKind.Relative)).GetAwaiter().GetResult().IsSuccessStatusCode,
            "INR-000001 settled and reported");
        JsonElement positions = await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows/INR-000001/positions");
        Assert.Contains(positions.GetProperty("positions").EnumerateArray(), p => p.GetProperty("participant").GetString() == "SRCBINBB" && p.GetProperty("net").GetDecimal() == -500m);
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    [Fact]
    public async Task Message_IsAcscAsAWhole_WhenEveryPaymentSettledInTokens_AndAnotherDebtorsPaymentsAreUntouched()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await StartAsync(PipelineMode.Embedded, bank);
        using HttpClient mumbai = server.Client(ApiServer.DemoKey("SRCBINBB"));
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = 1000m })).StatusCode);

        (_, XDocument report) = await PayAsync(server, mumbai, 100m, 200m);

        Assert.Equal("ACSC", TestMessages.GroupStatus(report));
        Assert.Equal(700m, await HeldAsync(mumbai));
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    private static Task<ApiServer> StartAsync(PipelineMode mode, MockBankServer bank) =>
        ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
            ["DelTran:Participants:0:InstantSettlement:0"] = "IN-AE:INR",
        });

    // One message from SRCBINBB to EPRLAEAD in INR, one transaction per amount; answers its outcomes and its pacs.002.
    private static async Task<(JsonElement Message, XDocument Report)> PayAsync(ApiServer server, HttpClient sender, params decimal[] amounts)
    {
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("INSTANT") };
        for (int i = 0; i < amounts.Length; i++)
        {
            string endToEnd = "E2E-" + (i + 1);
            decimal amount = amounts[i];
            builder.Add(tx => { tx.EndToEndId = endToEnd; tx.Uetr = TestMessages.Uetr(); tx.Amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture); });
        }

        Guid file = await server.SubmitAcceptedAsync("SRCBINBB", Encoding.UTF8.GetBytes(builder.Build()));
        await server.WaitForCompletionAsync("SRCBINBB", file);
        JsonElement message = await sender.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{file}?limit=100");
        XDocument report = XDocument.Parse(await sender.GetStringAsync(new Uri($"/api/v1/messages/{file}/status-report", UriKind.Relative)));
        return (message, report);
    }

    private static async Task<decimal> HeldAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/tokens/balances")).EnumerateArray().Where(b => b.GetProperty("currency").GetString() == "INR")
            .Select(b => b.GetProperty("held").GetDecimal()).SingleOrDefault();
}
