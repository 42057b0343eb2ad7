using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Api;

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
        JsonElement held = Assert.Single(outcomes, o => o.GetProperty("state").GetString() == TransactionStates.Code(TransactionState.Held));
        JsonElement hit = Assert.Single(outcomes, o => o.GetProperty("state").GetString() == TransactionStates.Code(TransactionState.Rejected));
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

    /// <summary>
    /// The oracle: a payment caught by each of the four list formats, and one refused by an AML rule, reads exactly as a
    /// payment an operator held and refused with no finding about its parties' names or its flow (held only for its
    /// creditor's country, refused in review): RR04 and the fixed text, nothing else; and every participant surface of
    /// the six is the same document once its own ids, times and names are set aside. A new list or rule cannot pass it
    /// by putting its details somewhere the test did not think of.
    /// </summary>
    [Fact]
    public async Task Participant_ReadsTheSameForEveryListFormatAndAnAmlRule_AsForARefusalWithNoFinding()
    {
        string lists = Directory.CreateTempSubdirectory("deltran-tipoff-lists-").FullName;
        try
        {
            foreach (string file in new[] { "sdn-small.xml", "eu-fsf-1.1-small.xml", "un-small.xml", "uk-conlist-small.csv" })
            {
                File.Copy(Path.Combine(CliRunner.RepoRoot, "tests", "DelTran.Core.Tests", "Screening", "Lists", file), Path.Combine(lists, file));
            }

            await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?>
            {
                ["DelTran:Compliance:Lists:0"] = lists,
                ["DelTran:Aml:ReportingThresholds:INR"] = "10000",
                ["DelTran:Aml:RejectOverThreshold"] = "true",
                ["DelTran:Compliance:EmbargoedCountries:0"] = "KP",
            });

            // Each case: the name or amount that catches it, and the words of its finding the participant must never read.
            // The last is the baseline with no finding about the name or the flow: held only for its creditor's country
            // and refused by an operator in review.
            (string Case, string Creditor, string Amount, string? Country, string[] Secrets)[] cases =
            [
                ("ofac", "Rashid Abdul QADIR", "1500.00", null, ["OFAC", "SDN", "QADIR"]),
                ("eu", "Jürgen Müller", "1500.00", null, ["EU", "FSF", "Müller", "Mueller"]),
                ("un", "Hussein Abd Al-Karim Al-Bakri", "1500.00", null, ["UN ", "consolidated", "AL-BAKRI"]),
                ("uk", "Mohammed Yusuf Al-Husaini", "1500.00", null, ["UK ", "HMT", "ConList", "AL-HUSAINI", "HUSSAINI"]),
                ("aml", "Ananya Raghavan", "20000.00", null, ["AML", "threshold", "10000", "rule"]),
                ("operator", "Priya Sharma", "1500.00", "KP", ["embargo", "country", "review", "operator"]),
            ];
            using HttpClient ops = server.Client(OperatorKey);

            using HttpClient participant = server.Client(ApiServer.DemoKey(Sender));
            var views = new List<(string Case, string Status, string Report)>();
            for (int n = 0; n < cases.Length; n++)
            {
                (string name, string creditor, string amount, string? country, string[] secrets) = cases[n];
                string tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
                string number = n.ToString(CultureInfo.InvariantCulture);
                var builder = new Pacs008Builder { MessageId = $"TIPOFF-{number}-{tag}" };
                builder.Add(tx =>
                {
                    tx.EndToEndId = $"TIP-{number}-{tag}";
                    tx.Uetr = TestMessages.Uetr();
                    tx.CreditorName = creditor;
                    tx.Amount = amount;
                    tx.CreditorCountry = country;
                });
                Guid id = await server.SubmitAcceptedAsync(Sender, Encoding.UTF8.GetBytes(builder.Build()));
                await server.WaitForCompletionAsync(Sender, id);
                if (country is not null)
                {
                    // Held, then refused by an operator, who gives the reason only the operators read.
                    JsonElement held = Assert.Single(JsonDocument.Parse(await participant.GetStringAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative))).RootElement.GetProperty("outcomes").EnumerateArray());
                    Assert.Equal(TransactionStates.Code(TransactionState.Held), held.GetProperty("state").GetString());
                    using HttpResponseMessage rejected = await ops.PostAsJsonAsync($"/api/v1/review/{held.GetProperty("transactionId").GetGuid()}/reject", new { comment = "Creditor in an embargoed country; refused by the operator." });
                    Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
                    // While it is written again the report answers 409 (pending); then it says RJCT.
                    await Eventually.HoldsAsync(
                        () =>
                        {
                            using HttpResponseMessage answer = participant.GetAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative)).GetAwaiter().GetResult();
                            return answer.IsSuccessStatusCode && answer.Content.ReadAsStringAsync().GetAwaiter().GetResult().Contains("<GrpSts>RJCT</GrpSts>", StringComparison.Ordinal);
                        },
                        "the pacs.002 written again after the operator's refusal");
                }

                string status = await participant.GetStringAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative));
                string report = await participant.GetStringAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative));

                // Caught, and read as a refusal with no finding: RR04 and the fixed text, nothing else.
                JsonElement outcome = Assert.Single(JsonDocument.Parse(status).RootElement.GetProperty("outcomes").EnumerateArray());
                Assert.True(outcome.GetProperty("state").GetString() == TransactionStates.Code(TransactionState.Rejected), $"{name}: the payment was not refused ({status})");
                Assert.Equal(("RR04", ParticipantReasons.RegulatoryText), (outcome.GetProperty("reasonCode").GetString(), outcome.GetProperty("reason").GetString()));
                foreach (string secret in secrets.Concat(["score", "match", "list", "sanction"]))
                {
                    Assert.False(status.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{name}: the status JSON names '{secret}': {status}");
                    Assert.False(report.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{name}: the pacs.002 names '{secret}': {report}");
                }

                views.Add((name, Normalise(status, builder.MessageId, tag), Normalise(report, builder.MessageId, tag)));
            }

            // Every surface of every case is one and the same document, ids and times aside.
            foreach ((string name, string status, string report) in views.Skip(1))
            {
                Assert.True(views[0].Status == status, $"the status JSON for {name} differs from {views[0].Case}:\n{status}\n---\n{views[0].Status}");
                Assert.True(views[0].Report == report, $"the pacs.002 for {name} differs from {views[0].Case}:\n{report}\n---\n{views[0].Report}");
            }

            // The operators' AML alert list still names the rule.
            Assert.Contains("AML-THRESHOLD", await ops.GetStringAsync(new Uri("/api/v1/risk/aml-alerts", UriKind.Relative)), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(lists, recursive: true);
        }
    }

    /// <summary>The document with this case's own ids, times and amounts replaced by placeholders.</summary>
    private static string Normalise(string text, string messageId, string tag)
    {
        string s = text.Replace(messageId, "<msgid>", StringComparison.Ordinal);
        s = Regex.Replace(s, "TIP-[0-9]+-" + tag, "<e2e>");
        s = Regex.Replace(s, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>");
        s = Regex.Replace(s, @"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", "<time>");
        s = Regex.Replace(s, @"\b(1500|20000)(\.0+)?\b", "<amount>");
        s = Regex.Replace(s, "DLTR[0-9A-F]+", "<report-id>");
        return Regex.Replace(s, "[0-9A-F]{32}", "<hex>", RegexOptions.IgnoreCase);
    }
}
