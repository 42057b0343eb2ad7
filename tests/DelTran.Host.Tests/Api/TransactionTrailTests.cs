using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// GET /api/v1/transactions/{id}/trail on PostgreSQL and RabbitMQ: what an auditor asks of one payment, answered from the
/// records every stage wrote.
/// </summary>
public sealed class TransactionTrailTests
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task Trail_ShowsEachStagesDecision_TheListVersions_TheAmlAlert_TheReview_TheFxPathAndTheWindow()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);
        using HttpClient ops = server.Client(OperatorKey);
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("TRAIL") };
        // Paid in INR for 100 USD: priced through the rate table. Over INR's reporting threshold: an AML alert.
        builder.Add(tx => { tx.EndToEndId = "FX-LARGE"; tx.Uetr = TestMessages.Uetr(); tx.Amount = "1500000.00"; tx.InstructedAmount = "18050.54"; tx.InstructedCurrency = "USD"; });
        builder.Add(tx => { tx.EndToEndId = "HELD"; tx.Uetr = TestMessages.Uetr(); tx.Amount = "20.00"; tx.CreditorName = "Viktor Pavlov Kassandro"; });
        using HttpResponseMessage submitted = await server.SubmitAsync("SRCBINBB", System.Text.Encoding.UTF8.GetBytes(builder.Build()));
        Guid file = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await ApiServer.WaitForCompletion(server.BaseAddress, ApiServer.DemoKey("SRCBINBB"), file);
        Guid held = (await ops.GetFromJsonAsync<JsonElement>("/api/v1/review")).EnumerateArray().Single().GetProperty("transactionId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsJsonAsync($"/api/v1/review/{held}/release", new { comment = "Different person: passport checked." })).StatusCode);
        Guid large = await TransactionIdAsync(server, "FX-LARGE");
        await WaitForStateAsync(ops, held, "ACCEPTED");

        JsonElement fxTrail = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{large}/trail");
        Assert.Equal(("ACCEPTED", "FX-LARGE", "SRCBINBB"), (fxTrail.GetProperty("state").GetString(), fxTrail.GetProperty("endToEndId").GetString(), fxTrail.GetProperty("sender").GetString()));
        Assert.Equal(
            ["ingest:RECEIVED", "validation:VALIDATED", "compliance:SCREENED", "risk:RISK_CHECKED", "liquidity:ACCEPTED"],
            fxTrail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("stage").GetString() + ":" + e.GetProperty("to").GetString()));
        JsonElement screening = fxTrail.GetProperty("screening");
        Assert.Equal("CLEAR", screening.GetProperty("decision").GetString());
        JsonElement version = screening.GetProperty("listVersions").EnumerateArray().First();
        Assert.Matches("^[0-9a-f]{64}$", version.GetProperty("sha256").GetString());
        Assert.False(string.IsNullOrEmpty(version.GetProperty("list").GetString()));
        JsonElement alert = Assert.Single(fxTrail.GetProperty("amlAlerts").EnumerateArray());
        Assert.False(alert.GetProperty("rejected").GetBoolean());
        Assert.Contains("1000000", alert.GetProperty("explanation").GetString()!.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        JsonElement fx = fxTrail.GetProperty("fx");
        Assert.Equal(("USD", "INR", true), (fx.GetProperty("sourceCurrency").GetString(), fx.GetProperty("resultCurrency").GetString(), fx.GetProperty("direct").GetBoolean()));
        Assert.StartsWith("USD→INR", fx.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("INR-000001", fxTrail.GetProperty("obligation").GetProperty("window").GetString());
        Assert.Empty(fxTrail.GetProperty("reviews").EnumerateArray());

        JsonElement heldTrail = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{held}/trail");
        Assert.Equal(
            ["ingest:RECEIVED", "validation:VALIDATED", "compliance:HELD", "review:SCREENED", "risk:RISK_CHECKED", "liquidity:ACCEPTED"],
            heldTrail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("stage").GetString() + ":" + e.GetProperty("to").GetString()));
        Assert.Equal("POSSIBLE", heldTrail.GetProperty("screening").GetProperty("decision").GetString());
        Assert.Equal(screening.GetProperty("listSet").GetString(), heldTrail.GetProperty("screening").GetProperty("listSet").GetString());
        JsonElement review = Assert.Single(heldTrail.GetProperty("reviews").EnumerateArray());
        Assert.Equal(("RELEASE", "ops"), (review.GetProperty("decision").GetString(), review.GetProperty("by").GetString()));
        Assert.Equal(JsonValueKind.Null, heldTrail.GetProperty("fx").ValueKind);

        // Operators only, and an unknown id is a 404.
        using HttpClient participant = server.Client(ApiServer.DemoKey("SRCBINBB"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await participant.GetAsync($"/api/v1/transactions/{large}/trail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync($"/api/v1/transactions/{Guid.NewGuid()}/trail")).StatusCode);
    }

    /// <summary>
    /// From a message to its trails without looking under the service (issue 15, item 4): an operator reads any message's
    /// status, each outcome carries the transaction's id, and the trail is found by that id or by the payment's UETR.
    /// </summary>
    [Fact]
    public async Task Operator_GoesFromAMessageToEachTrail_ByTheOutcomesIdOrByTheUetr()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient ops = server.Client(OperatorKey);
        string uetr = TestMessages.Uetr();
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("TRAILID") };
        builder.Add(tx => { tx.EndToEndId = "BY-UETR"; tx.Uetr = uetr; });
        builder.Add(tx => { tx.EndToEndId = "HELD-BY-ID"; tx.Uetr = TestMessages.Uetr(); tx.CreditorName = "Viktor Pavlov Kassandro"; });
        Guid file = await server.SubmitAcceptedAsync("SRCBINBB", System.Text.Encoding.UTF8.GetBytes(builder.Build()));
        await server.WaitForCompletionAsync("SRCBINBB", file);

        // The operator reads the sender's message (before: 401), with the reasons as decided.
        JsonElement status = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{file}");
        JsonElement[] outcomes = [.. status.GetProperty("outcomes").EnumerateArray()];
        Assert.Equal(2, outcomes.Length);
        Assert.Contains("Possible sanctions match", outcomes[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        using (HttpResponseMessage report = await ops.GetAsync(new Uri($"/api/v1/messages/{file}/status-report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }

        // Each outcome names its transaction, and that id opens the trail.
        Guid heldId = outcomes[1].GetProperty("transactionId").GetGuid();
        JsonElement byId = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{heldId}/trail");
        Assert.Equal(("HELD-BY-ID", "HELD"), (byId.GetProperty("endToEndId").GetString(), byId.GetProperty("state").GetString()));

        // So does the payment's UETR, the id a bank's investigator has in hand.
        JsonElement byUetr = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{uetr}/trail");
        Assert.Equal(("BY-UETR", outcomes[0].GetProperty("transactionId").GetGuid()), (byUetr.GetProperty("endToEndId").GetString(), byUetr.GetProperty("transactionId").GetGuid()));
        using HttpResponseMessage unknown = await ops.GetAsync(new Uri($"/api/v1/transactions/{Guid.NewGuid()}/trail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // The participant reads the same outcome ids, and the fixed text for the hold.
        using HttpClient participant = server.Client(ApiServer.DemoKey("SRCBINBB"));
        JsonElement own = await participant.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{file}");
        JsonElement ownHeld = own.GetProperty("outcomes").EnumerateArray().ElementAt(1);
        Assert.Equal((heldId, "Held for review."), (ownHeld.GetProperty("transactionId").GetGuid(), ownHeld.GetProperty("reason").GetString()));
    }

    private static async Task<Guid> TransactionIdAsync(ApiServer server, string endToEndId)
    {
        await using DelTranDbContext db = server.Services.GetRequiredService<Func<DelTranDbContext>>()();
        return await db.Transactions.Where(t => t.EndToEndId == endToEndId).Select(t => t.Id).SingleAsync();
    }

    private static async Task WaitForStateAsync(HttpClient ops, Guid id, string state)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement trail = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/transactions/{id}/trail");
            if (trail.GetProperty("state").GetString() == state)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Transaction {id} did not reach {state}: {trail}");
            await Task.Delay(200);
        }
    }
}
