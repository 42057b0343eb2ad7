using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// A currency configured to settle its windows in tokens: the window's net positions move between token accounts in one
/// transaction with no bank call, and when a net debtor lacks the tokens the window settles through the banks as before,
/// its history saying why.
/// </summary>
public sealed class TokenWindowSettlementTests
{
    private const string OperatorKey = "demo-operator-key";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Window_SettlesInTokensWithoutABankCall_WhenEveryNetDebtorHasTheTokens(PipelineMode mode)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await StartAsync(mode, bank);
        using HttpClient mumbai = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient dubai = server.Client(ApiServer.DemoKey("EPRLAEAD"));
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = 10_000m })).StatusCode);

        string history = await PayAndSettleAsync(server, 2500.00m);

        Assert.Contains("settled in tokens: 2 net positions, no bank call", history, StringComparison.Ordinal);
        Assert.Equal(7500m, await HeldAsync(mumbai));
        Assert.Equal(2500m, await HeldAsync(dubai));
        // The bank booked the mint and nothing of the window.
        Assert.Equal(["SRCBINBB/fund"], bank.Ledger.Booked().Select(b => b.IdempotencyKey));
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    [Fact]
    public async Task Window_SettlesThroughTheBanksAndSaysWhy_WhenANetDebtorLacksTheTokens()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await StartAsync(PipelineMode.Embedded, bank);
        using HttpClient mumbai = server.Client(ApiServer.DemoKey("SRCBINBB"));
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = 1000m })).StatusCode);

        string history = await PayAndSettleAsync(server, 2500.00m);

        Assert.Contains("not settled in tokens: Window INR-000001 cannot settle in tokens: SRCBINBB owes 2500", history, StringComparison.Ordinal);
        Assert.DoesNotContain("settled in tokens:", history.Replace("not settled in tokens:", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(1000m, await HeldAsync(mumbai));
        Assert.Contains(bank.Ledger.Booked(), b => b.WindowId.StartsWith("INR-000001", StringComparison.Ordinal) && b.Direction == "DEBIT");
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    private static Task<ApiServer> StartAsync(PipelineMode mode, MockBankServer bank) =>
        ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
            ["DelTran:Tokens:SettleWindowsInTokens:0"] = "INR",
        });

    // One payment from SRCBINBB to EPRLAEAD in INR, its window closed and settled; answers the window's history.
    private static async Task<string> PayAndSettleAsync(ApiServer server, decimal amount)
    {
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("TOKWIN") };
        builder.Add(tx => { tx.EndToEndId = "TO-EPRL"; tx.Uetr = TestMessages.Uetr(); tx.Amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture); });
        Guid file = await server.SubmitAcceptedAsync("SRCBINBB", Encoding.UTF8.GetBytes(builder.Build()));
        await server.WaitForCompletionAsync("SRCBINBB", file);
        using HttpClient ops = server.Client(OperatorKey);
        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync(new Uri("/api/v1/windows/INR/close", UriKind.Relative), null)).StatusCode);
        await Eventually.HoldsAsync(
            () => ops.GetAsync(new Uri("/api/v1/windows/INR-000001/reports/audit/manifest.json", UriKind.Relative)).GetAwaiter().GetResult().IsSuccessStatusCode,
            "INR-000001 settled and reported");
        JsonElement window = await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows/INR-000001");
        Assert.Equal("SETTLED", window.GetProperty("window").GetProperty("state").GetString());
        return string.Join(" | ", window.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("cause").GetString()));
    }

    private static async Task<decimal> HeldAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/tokens/balances")).EnumerateArray().Where(b => b.GetProperty("currency").GetString() == "INR")
            .Select(b => b.GetProperty("held").GetDecimal()).SingleOrDefault();
}
