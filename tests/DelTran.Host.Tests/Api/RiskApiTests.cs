using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Risk;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// The operators' risk API over HTTP: a participant's breaker tripped by its own refused payments, seen in
/// GET /api/v1/risk/breakers, refusing its next payment, and closed again by an operator's
/// POST /api/v1/risk/breakers/reset (and by no one else), which the record and the next payment show.
/// </summary>
public sealed class RiskApiTests
{
    private const string OperatorKey = "demo-operator-key";
    private const string Participant = "SRCBINBB";
    private const string Subject = "participant " + Participant;

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task BreakerReset_ByAnOperator_ClosesTheTrippedBreaker_RecordsWhoAndWhy_AndPaymentsPassAgain(PipelineMode mode)
    {
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?>
        {
            // Two refusals out of two trip the breaker; it stays open for the whole test unless someone resets it.
            ["DelTran:Risk:Breakers:Participant:MinimumVolume"] = "2",
            ["DelTran:Risk:Breakers:Participant:RejectRateThreshold"] = "0.5",
            ["DelTran:Risk:Breakers:Participant:OpenDuration"] = "01:00:00",
        });
        using HttpClient ops = server.Client(OperatorKey);
        Assert.DoesNotContain((await BreakersAsync(ops)).States, s => s.Subject == Subject && s.State != "Closed");

        // Two payments over the INR maximum per transaction: both refused by risk, and the debtor's breaker trips.
        var oversized = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("RISK-TRIP") };
        oversized.Add(tx => { tx.EndToEndId = "OVER-1"; tx.Uetr = TestMessages.Uetr(); tx.Amount = "150000000.00"; });
        oversized.Add(tx => { tx.EndToEndId = "OVER-2"; tx.Uetr = TestMessages.Uetr(); tx.Amount = "150000001.00"; });
        JsonElement refused = await server.WaitForCompletionAsync(Participant, await server.SubmitAcceptedAsync(Participant, Encoding.UTF8.GetBytes(oversized.Build())));
        Assert.Equal("RJCT", refused.GetProperty("groupStatus").GetString());
        Breakers tripped = await BreakersAsync(ops);
        Assert.Equal("Open", tripped.States.Single(s => s.Subject == Subject).State);
        Assert.Contains(tripped.Events, e => e.Subject == Subject && e.Transition == "Tripped" && e.To == "Open");

        // While it is open, the participant's next payment is refused AG10 before any limit is looked at.
        Assert.Equal(("REJECTED", "AG10"), await PayOneAsync(server, "WHILE-OPEN"));

        // Only an operator may reset it: the participant itself, another participant, a wrong key and nobody get 401, and nothing changes.
        object request = new { participant = Participant, reason = "Limits breached by a test file; the bank confirmed its gateway is fixed." };
        foreach (HttpClient caller in new[] { server.Client(ApiServer.DemoKey(Participant)), server.Client(ApiServer.DemoKey("KVRIINBB")), server.Client("demo-nobody-key"), server.Client() })
        {
            using (caller)
            {
                using HttpResponseMessage refusedReset = await caller.PostAsJsonAsync("/api/v1/risk/breakers/reset", request);
                Assert.Equal(HttpStatusCode.Unauthorized, refusedReset.StatusCode);
            }
        }

        Breakers stillOpen = await BreakersAsync(ops);
        Assert.Equal("Open", stillOpen.States.Single(s => s.Subject == Subject).State);
        Assert.DoesNotContain(stillOpen.Events, e => e.Transition == "Reset");

        // An operator's bad requests change nothing either: no reason, no such participant (no breaker is made up for it).
        Assert.Equal(HttpStatusCode.BadRequest, (await ops.PostAsJsonAsync("/api/v1/risk/breakers/reset", new { participant = Participant, reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.PostAsJsonAsync("/api/v1/risk/breakers/reset", new { participant = "NOPEXXYY", reason = "Who?" })).StatusCode);
        Breakers afterBadRequests = await BreakersAsync(ops);
        Assert.Equal("Open", afterBadRequests.States.Single(s => s.Subject == Subject).State);
        Assert.DoesNotContain(afterBadRequests.States, s => s.Subject.Contains("NOPEXXYY", StringComparison.Ordinal));
        Assert.DoesNotContain(afterBadRequests.Events, e => e.Transition == "Reset");

        // The operator's reset closes it, says from what and by whom.
        using (HttpResponseMessage reset = await ops.PostAsJsonAsync("/api/v1/risk/breakers/reset", new { participant = Participant.ToLowerInvariant(), reason = "  Limits breached by a test file; the bank confirmed its gateway is fixed. " }))
        {
            JsonElement answer = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Equal((Participant, "Open", "Closed", "ops"), (answer.GetProperty("participant").GetString(), answer.GetProperty("from").GetString(), answer.GetProperty("state").GetString(), answer.GetProperty("by").GetString()));
        }

        // A second reset finds nothing to reset.
        Assert.Equal(HttpStatusCode.Conflict, (await ops.PostAsJsonAsync("/api/v1/risk/breakers/reset", request)).StatusCode);

        // The record: one Reset, by the operator, with the reason; in the API and in breaker_events.
        Breakers closed = await BreakersAsync(ops);
        Assert.Equal("Closed", closed.States.Single(s => s.Subject == Subject).State);
        BreakerEvent recorded = Assert.Single(closed.Events, e => e.Transition == "Reset");
        Assert.Equal((Subject, "Open", "Closed", "Operator"), (recorded.Subject, recorded.From, recorded.To, recorded.Cause));
        Assert.Equal("Limits breached by a test file; the bank confirmed its gateway is fixed. (by ops)", recorded.Explanation);
        await using (DelTranDbContext db = server.Db())
        {
            BreakerEventRow row = await db.BreakerEvents.AsNoTracking().SingleAsync(e => e.Transition == BreakerTransition.Reset);
            Assert.Equal((Subject, "Closed", recorded.Explanation), (row.Subject.ToString(), row.ToState.ToString(), row.Explanation));
        }

        // And it really is closed where it matters: the participant's next payment is accepted.
        Assert.Equal(("ACCEPTED", (string?)null), await PayOneAsync(server, "AFTER-RESET"));
    }

    /// <summary>One payment of 1.00 from the participant; its state and reason code (null when none) once decided.</summary>
    private static async Task<(string? State, string? ReasonCode)> PayOneAsync(ApiServer server, string endToEndId)
    {
        var builder = new Pacs008Builder { MessageId = TestMessages.UniqueMsgId("RISK-PAY") };
        builder.Add(tx => { tx.EndToEndId = endToEndId; tx.Uetr = TestMessages.Uetr(); tx.Amount = "1.00"; });
        JsonElement status = await server.WaitForCompletionAsync(Participant, await server.SubmitAcceptedAsync(Participant, Encoding.UTF8.GetBytes(builder.Build())));
        JsonElement outcome = Assert.Single(status.GetProperty("outcomes").EnumerateArray());
        Assert.Equal(endToEndId, outcome.GetProperty("endToEndId").GetString());
        return (outcome.GetProperty("state").GetString(), outcome.GetProperty("reasonCode").GetString());
    }

    private static async Task<Breakers> BreakersAsync(HttpClient ops)
    {
        JsonElement body = await ops.GetFromJsonAsync<JsonElement>("/api/v1/risk/breakers");
        return new Breakers(
            [.. body.GetProperty("breakers").EnumerateArray().Select(b => (b.GetProperty("subject").GetString()!, b.GetProperty("state").GetString()!))],
            [.. body.GetProperty("events").EnumerateArray().Select(e => new BreakerEvent(
                e.GetProperty("subject").GetString()!,
                e.GetProperty("transition").GetString()!,
                e.GetProperty("from").GetString()!,
                e.GetProperty("to").GetString()!,
                e.GetProperty("cause").GetString()!,
                e.GetProperty("explanation").GetString()!))]);
    }

    private sealed record Breakers(IReadOnlyList<(string Subject, string State)> States, IReadOnlyList<BreakerEvent> Events);

    private sealed record BreakerEvent(string Subject, string Transition, string From, string To, string Cause, string Explanation);
}
