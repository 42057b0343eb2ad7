using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>The operators' FX API and the FX path in a message's outcomes, on the embedded default with the demo rates.</summary>
public sealed class FxApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task FxApi_ShowsTheTableInForceAndItsVersions_ToOperatorsOnly()
    {
        ApiServer server = fixture.Server;
        using HttpClient anonymous = server.Client();
        using HttpClient participant = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient ops = server.Client(OperatorKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/fx/rates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await participant.GetAsync("/api/v1/fx/versions")).StatusCode);

        JsonElement rates = await ops.GetFromJsonAsync<JsonElement>("/api/v1/fx/rates");
        string version = rates.GetProperty("version").GetString()!;
        Assert.StartsWith("FX-", version, StringComparison.Ordinal);
        Assert.Equal(("USD", "configuration"), (rates.GetProperty("pivot").GetString(), rates.GetProperty("source").GetString()));
        Assert.Equal(
            ["USD/INR", "USD/AED", "AED/INR"],
            rates.GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("pair").GetString()));
        Assert.All(rates.GetProperty("quotes").EnumerateArray(), q => Assert.True(q.GetProperty("validNow").GetBoolean()));

        // Recorded at the latest by the first conversion; the startup job may have done it already.
        await PriceOneAsync(server);
        JsonElement versions = await ops.GetFromJsonAsync<JsonElement>("/api/v1/fx/versions");
        JsonElement loaded = Assert.Single(versions.EnumerateArray(), v => v.GetProperty("versionId").GetString() == version);
        Assert.Equal(("LOADED", 3), (loaded.GetProperty("status").GetString(), loaded.GetProperty("quotes").GetInt32()));
        JsonElement one = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/fx/versions/{version}");
        Assert.Contains("USD/INR,83.10,83.25,2026-01-01T00:00:00Z,2028-01-01T00:00:00Z", one.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync("/api/v1/fx/versions/FX-0000000000000000")).StatusCode);
    }

    [Fact]
    public async Task MessageStatus_ShowsTheFxPath_OfAnAcceptedCrossCurrencyTransaction()
    {
        ApiServer server = fixture.Server;

        JsonElement outcome = await PriceOneAsync(server);

        Assert.Equal(TransactionStates.Code(TransactionState.Accepted), outcome.GetProperty("state").GetString());
        JsonElement fx = outcome.GetProperty("fx");
        Assert.Equal("AED→USD BuyBase 3.6730; USD→INR SellBase 83.10", fx.GetProperty("path").GetString());
        Assert.Equal((1000.00m, "AED", 22623.97m, "INR"), (fx.GetProperty("sourceAmount").GetDecimal(), fx.GetProperty("sourceCurrency").GetString(), fx.GetProperty("resultAmount").GetDecimal(), fx.GetProperty("resultCurrency").GetString()));
        Assert.StartsWith("FX-", fx.GetProperty("rateTableVersion").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Sends one INR payment instructed in AED and returns its outcome once the message is complete.</summary>
    private static async Task<JsonElement> PriceOneAsync(ApiServer server)
    {
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("FXAPI") };
        builder.Add(tx => { tx.Uetr = TestMessages.Uetr(); tx.Amount = "22600.00"; tx.InstructedAmount = "1000.00"; tx.InstructedCurrency = "AED"; });
        using HttpResponseMessage response = await server.SubmitAsync("SRCBINBB", Encoding.UTF8.GetBytes(builder.Build()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Guid id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        JsonElement status = await server.WaitForCompletionAsync("SRCBINBB", id);
        return Assert.Single(status.GetProperty("outcomes").EnumerateArray());
    }
}
