using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Persistence;
using DelTran.Host.Tests.Pipeline;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Endpoints;

/// <summary>
/// No tipping-off (issue 15, item 1): whatever list, entry, score or rule held or refused a payment, its participant
/// reads one fixed text for a hold and one for a regulatory refusal, in the pacs.002 and in the status JSON alike;
/// the details stay in the operators' trail.
/// </summary>
public sealed class TippingOffTests
{
    private const string Sender = "SRCBINBB";
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task Participant_ReadsFixedTextsForAHoldAndASanctionsHit_AndOperatorsReadTheMatch()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        string tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var builder = new Pacs008Builder { MessageId = "TIPOFF-" + tag };
        string[] names = ["Ananya Raghavan", "Viktor Pavlov Kassandro", "Viktor Pavlovich Kassandrov"];
        for (int i = 0; i < names.Length; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.EndToEndId = string.Create(CultureInfo.InvariantCulture, $"TIP-{tag}-{n}");
                tx.Uetr = TestMessages.Uetr();
                tx.CreditorName = names[n];
            });
        }

        Guid id = await server.SubmitAcceptedAsync(Sender, Encoding.UTF8.GetBytes(builder.Build()));
        await server.WaitForCompletionAsync(Sender, id);
        using HttpClient participant = server.Client(ApiServer.DemoKey(Sender));
        JsonElement status = JsonDocument.Parse(await participant.GetStringAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative))).RootElement;
        string report = await participant.GetStringAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative));

        JsonElement[] outcomes = [.. status.GetProperty("outcomes").EnumerateArray()];
        JsonElement held = Assert.Single(outcomes, o => o.GetProperty("state").GetString() == TransactionState.Held);
        JsonElement hit = Assert.Single(outcomes, o => o.GetProperty("state").GetString() == TransactionState.Rejected);
        Assert.Equal(ParticipantReasons.HeldText, held.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("reasonCode").ValueKind);
        Assert.Equal(ParticipantReasons.RegulatoryText, hit.GetProperty("reason").GetString());
        Assert.Equal("RR04", hit.GetProperty("reasonCode").GetString());

        // Nothing of the list, the entry, the name matched or the score, anywhere the participant reads.
        foreach (string surface in new[] { status.GetRawText(), report })
        {
            foreach (string secret in new[] { "OFAC", "SDN", "90001", "KASSANDROV", "Kassandrov, Viktor", "score", "match", "Sanctions", "AML" })
            {
                Assert.DoesNotContain(secret, surface, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains(ParticipantReasons.HeldText, report, StringComparison.Ordinal);
        Assert.Contains(ParticipantReasons.RegulatoryText, report, StringComparison.Ordinal);
        Assert.Empty(TestMessages.Pacs002SchemaErrors(report));

        // Operators still read what caught it, in the trail.
        Guid hitId;
        await using (DelTranDbContext db = server.Db())
        {
            hitId = await db.Transactions.AsNoTracking().Where(t => t.State == TransactionState.Rejected && t.EndToEndId!.StartsWith("TIP-" + tag)).Select(t => t.Id).SingleAsync();
        }

        using HttpClient ops = server.Client(OperatorKey);
        using HttpResponseMessage trail = await ops.GetAsync(new Uri($"/api/v1/transactions/{hitId}/trail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, trail.StatusCode);
        Assert.Contains("KASSANDROV", await trail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
