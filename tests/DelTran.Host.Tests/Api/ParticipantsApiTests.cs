using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>Balances for the participant itself and operators; suspension and resumption by an operator, with a reason.</summary>
public sealed class ParticipantsApiTests
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task Balances_AreShownToTheParticipantAndOperators_AndToNoOtherParticipant()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient own = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient other = server.Client(ApiServer.DemoKey("KVRIINBB"));
        using HttpClient ops = server.Client(OperatorKey);
        using HttpResponseMessage submitted = await server.SubmitAsync("SRCBINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("BAL"), 2));
        Guid id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await ApiServer.WaitForCompletion(server.BaseAddress, ApiServer.DemoKey("SRCBINBB"), id);

        JsonElement balances = await own.GetFromJsonAsync<JsonElement>("/api/v1/participants/srcbinbb/balances");
        JsonElement inr = balances.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("currency").GetString() == "INR");
        Assert.Equal(500000000m, inr.GetProperty("balance").GetDecimal());
        Assert.Equal(600000000m, inr.GetProperty("available").GetDecimal());
        Assert.Equal(-2.00m, inr.GetProperty("openWindowPosition").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/v1/participants/SRCBINBB/balances")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/participants/SRCBINBB/balances")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync("/api/v1/participants/SRCBINBB/balances")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync("/api/v1/participants/NOPEXXYY/balances")).StatusCode);

        // The operators' forecast: the open-window position projected to the next cut-off, against available funds.
        JsonElement forecast = await ops.GetFromJsonAsync<JsonElement>("/api/v1/liquidity/forecast?currency=INR");
        JsonElement source = forecast.EnumerateArray().Single(f => f.GetProperty("participant").GetString() == "SRCBINBB");
        Assert.Equal(-2.00m, source.GetProperty("openPosition").GetDecimal());
        Assert.Equal(600000000m, source.GetProperty("available").GetDecimal());
        Assert.False(source.GetProperty("alert").GetBoolean());
        Assert.True(source.GetProperty("cutoff").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.GetAsync("/api/v1/liquidity/forecast?currency=INR")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ops.GetAsync("/api/v1/liquidity/forecast?currency=EURO")).StatusCode);
    }

    [Fact]
    public async Task Suspend_RefusesTheParticipantsKey_UntilAnOperatorResumesIt()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient ops = server.Client(OperatorKey);
        using HttpClient participant = server.Client(ApiServer.DemoKey("KVRIINBB"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await participant.PostAsJsonAsync("/api/v1/participants/KVRIINBB/suspend", new { reason = "self" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ops.PostAsJsonAsync("/api/v1/participants/KVRIINBB/suspend", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsJsonAsync("/api/v1/participants/KVRIINBB/suspend", new { reason = "Settlement account frozen by the central bank." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ops.PostAsJsonAsync("/api/v1/participants/KVRIINBB/suspend", new { reason = "again" })).StatusCode);

        using (HttpResponseMessage refused = await server.SubmitAsync("KVRIINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("SUSP"), 1, "KVRIINBBXXX")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsJsonAsync("/api/v1/participants/KVRIINBB/resume", new { reason = "Freeze lifted." })).StatusCode);
        using (HttpResponseMessage accepted = await server.SubmitAsync("KVRIINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("SUSP"), 1, "KVRIINBBXXX")))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        JsonElement events = await ops.GetFromJsonAsync<JsonElement>("/api/v1/participants/KVRIINBB/events");
        Assert.Equal(["SUSPENDED", "RESUMED"], events.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(events.EnumerateArray(), e => Assert.Equal("ops", e.GetProperty("operator").GetString()));
    }
}
