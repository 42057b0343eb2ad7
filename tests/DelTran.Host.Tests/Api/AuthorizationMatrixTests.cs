using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// Who may see what, for every endpoint the application maps (read from its own <see cref="EndpointDataSource"/>,
/// so a new endpoint without a row here fails the test): each is called by nobody, a wrong key, participant A on its
/// own resource, participant B on A's resource, a suspended participant and an operator, and each answer is compared
/// with the table. The route values are real resources of A (its message, its transactions, the window that settled
/// them, A's own balances), so B's calls are real cross-tenant probes, and no answer to anyone but A and an operator
/// may carry any of A's data. On the embedded default and on PostgreSQL and RabbitMQ alike.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string OperatorKey = "demo-operator-key";
    private const string Owner = "SRCBINBB";
    private const string Other = "KVRIINBB";
    private const string SuspendedParticipant = "PRRIUS44";
    private const string PendingToPost = "authz-pending";
    private const string PendingToVoid = "authz-pending-void";
    private const string CorrectionToApprove = "authz-fix-approve";
    private const string CorrectionToDecline = "authz-fix-decline";

    /// <summary>The callers, in the order they are probed: A and then the operator last, since the operator's calls change things (A's suspension and resumption among them).</summary>
    private static readonly Caller[] Callers = [Caller.Nobody, Caller.WrongKey, Caller.Other, Caller.Suspended, Caller.Owner, Caller.Operator];

    private enum Caller
    {
        Nobody,
        WrongKey,
        Owner,
        Other,
        Suspended,
        Operator,
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task EveryEndpoint_AnswersEachCallerAsTheTableSays_AndShowsAsDataToNoOneElse(PipelineMode mode)
    {
        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await bank.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.Urls.First(),
        });
        Assert.Equal(mode == PipelineMode.Production, server.Database is not null);
        World world = await SetUpAsync(server);
        IReadOnlyList<Row> table = Table(mode);

        // The table and the application's own endpoint list must agree, both ways.
        var mismatches = new List<string>();
        HashSet<string> mapped = MappedEndpoints(server);
        var rows = table.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        mismatches.AddRange(mapped.Except(rows).Order(StringComparer.Ordinal).Select(e => $"{e}: mapped by the application but has no row in the table (say who may call it)"));
        mismatches.AddRange(rows.Except(mapped).Order(StringComparer.Ordinal).Select(e => $"{e}: a row in the table but the application maps no such endpoint"));

        var submissions = new Dictionary<Caller, Guid>();
        foreach (Caller caller in Callers)
        {
            using HttpClient client = world.Client(caller);
            foreach (Row row in table)
            {
                using HttpRequestMessage request = new(new HttpMethod(row.Method == "*" ? "GET" : row.Method), row.Path(world, caller)) { Content = row.Body?.Invoke(world, caller) };
                using HttpResponseMessage response = await client.SendAsync(request);
                string body = await response.Content.ReadAsStringAsync();
                int expected = row.Expected.For(caller);
                string call = $"{row.Key} as {caller} ({request.RequestUri})";
                if ((int)response.StatusCode != expected)
                {
                    mismatches.Add($"{call}: expected {expected}, got {(int)response.StatusCode}: {Shorten(body)}");
                }

                if (caller is not (Caller.Owner or Caller.Operator) && world.Canaries.FirstOrDefault(c => body.Contains(c, StringComparison.OrdinalIgnoreCase)) is { } leaked)
                {
                    mismatches.Add($"{call}: the answer holds A's data ('{leaked}'): {Shorten(body)}");
                }

                // The canaries mean something: where A or an operator is shown A's data, they are in it.
                if (row.ShowsOwnersDataTo.Contains(caller) && (int)response.StatusCode == expected && !world.Canaries.Any(c => body.Contains(c, StringComparison.Ordinal)))
                {
                    mismatches.Add($"{call}: expected A's data in the answer, found none of it: {Shorten(body)}");
                }

                if (row.Key == "POST /api/v1/messages/" && response.StatusCode == HttpStatusCode.Accepted)
                {
                    submissions[caller] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");

        // B's file in A's name was taken (202) but instructs nothing: every payment in it is refused RC01, and A owes nothing for it.
        JsonElement impersonation = await ApiServer.WaitForCompletion(server.BaseAddress, ApiServer.DemoKey(Other), submissions[Caller.Other]);
        Assert.Equal("RJCT", impersonation.GetProperty("groupStatus").GetString());
        await using DelTranDbContext db = server.Db();
        var refused = await db.InboundFiles.AsNoTracking().Where(f => f.Id == submissions[Caller.Other])
            .Join(db.Transactions.AsNoTracking(), f => f.MessageId, t => t.MessageId, (f, t) => new { t.Id, t.State, t.ReasonCode })
            .ToListAsync();
        Assert.NotEmpty(refused);
        Assert.All(refused, t => Assert.Equal(("REJECTED", "RC01"), (TransactionStates.Code(t.State), t.ReasonCode)));
        List<Guid> refusedIds = [.. refused.Select(t => t.Id)];
        Assert.False(await db.Obligations.AnyAsync(o => refusedIds.Contains(o.TransactionId)));
    }

    /// <summary>"METHOD pattern" of every route endpoint the application maps; "*" where the endpoint takes any method.</summary>
    private static HashSet<string> MappedEndpoints(ApiServer server) =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// One row per endpoint: who gets what. 401 for whoever is not admitted at all; 404 for B on A's resource where
    /// the endpoint is a participant's, so that B cannot even tell that A's resource exists. Where the operator's
    /// call is refused for a reason other than who calls (409 for a window that is not FAILED), the refusal shows
    /// the operator got past the check.
    /// </summary>
    private static IReadOnlyList<Row> Table(PipelineMode mode) =>
    [
        // Public: what a load balancer and a client generator need, and nothing of anyone's.
        new("GET", "/openapi/{documentName}.json", (_, _) => "/openapi/v1.json", null, Statuses.Everyone(200)),
        new("*", "/health/live", (_, _) => "/health/live", null, Statuses.Everyone(200)),
        new("*", "/health/ready", (_, _) => "/health/ready", null, Statuses.Everyone(200)),

        // The dashboard is the operators' (X-Api-Key or HTTP Basic); the embedded default opens it to requests from
        // the machine itself (a laptop demo), which every request of this test is.
        new("*", "/hangfire/{**path}", (_, _) => "/hangfire", null, mode == PipelineMode.Embedded ? Statuses.Everyone(200) : Statuses.OperatorsOnly(200)),

        // The participant's own: A sees its message, B is told there is none; an operator submits nothing (it is no
        // participant) and reads every message.
        new("POST", "/api/v1/messages/", (_, _) => "/api/v1/messages", (_, c) => World.Submission(c), new Statuses(401, 401, Owner: 202, Other: 202, 401, Operator: 401)),
        new("GET", "/api/v1/messages/{id:guid}", (w, _) => $"/api/v1/messages/{w.FileId}", null, Statuses.OwnersOnly(200) with { Operator = 200 }, ShowsOwnersDataTo: [Caller.Owner, Caller.Operator]),
        new("GET", "/api/v1/messages/{id:guid}/status-report", (w, _) => $"/api/v1/messages/{w.FileId}/status-report", null, Statuses.OwnersOnly(200) with { Operator = 200 }, ShowsOwnersDataTo: [Caller.Owner, Caller.Operator]),
        new("GET", "/api/v1/reports/", (_, _) => "/api/v1/reports", null, new Statuses(401, 401, Owner: 200, Other: 200, 401, Operator: 200), ShowsOwnersDataTo: [Caller.Owner, Caller.Operator]),
        new("GET", "/api/v1/reports/{id}/files/{**name}", (w, _) => $"/api/v1/reports/{w.WindowId}/files/camt053/{Owner}-INR.xml", null, Statuses.OwnersOnly(200) with { Operator = 200 }, ShowsOwnersDataTo: [Caller.Owner, Caller.Operator]),
        new("GET", "/api/v1/participants/{bic}/balances", (_, _) => $"/api/v1/participants/{Owner}/balances", null, Statuses.OwnersOnly(200) with { Operator = 200 }, ShowsOwnersDataTo: [Caller.Owner, Caller.Operator]),

        // Tokens: each participant acts on its own accounts (A and B each mint, burn and send their own); A's pending
        // transfers are not found for B; operators move no tokens and read the supply.
        new("POST", "/api/v1/tokens/mints", (_, _) => "/api/v1/tokens/mints", (_, _) => Json(new { requestId = "authz-mint", currency = "INR", amount = 100m }), ParticipantsOnly(200)),
        new("POST", "/api/v1/tokens/burns", (_, _) => "/api/v1/tokens/burns", (_, _) => Json(new { requestId = "authz-burn", currency = "INR", amount = 1m }), ParticipantsOnly(200)),
        new("POST", "/api/v1/tokens/transfers", (_, _) => "/api/v1/tokens/transfers", (_, c) => Json(new { requestId = "authz-transfer", receiver = c == Caller.Owner ? Other : Owner, currency = "INR", amount = 1m }), ParticipantsOnly(200)),
        new("POST", "/api/v1/tokens/transfers/batch", (_, _) => "/api/v1/tokens/transfers/batch", (_, c) => Json(new { transfers = new[] { new { requestId = "authz-batch", receiver = c == Caller.Owner ? Other : Owner, currency = "INR", amount = 1m } } }), ParticipantsOnly(200)),
        new("POST", "/api/v1/tokens/transfers/{requestId}/post", (_, _) => $"/api/v1/tokens/transfers/{PendingToPost}/post", null, Statuses.OwnersOnly(200)),
        new("POST", "/api/v1/tokens/transfers/{requestId}/void", (_, _) => $"/api/v1/tokens/transfers/{PendingToVoid}/void", null, Statuses.OwnersOnly(200)),
        new("GET", "/api/v1/tokens/operations/{requestId}", (_, _) => $"/api/v1/tokens/operations/{PendingToPost}", null, Statuses.OwnersOnly(200)),
        new("GET", "/api/v1/tokens/balances", (_, _) => "/api/v1/tokens/balances", null, ParticipantsOnly(200)),
        new("GET", "/api/v1/tokens/history", (_, _) => "/api/v1/tokens/history?currency=INR", null, ParticipantsOnly(200)),
        new("GET", "/api/v1/tokens/supply", (_, _) => "/api/v1/tokens/supply", null, Statuses.OperatorsOnly(200)),
        // Corrections are operators' only: entered by one, approved or declined by another (ops2 entered the two below).
        new("POST", "/api/v1/tokens/corrections", (_, _) => "/api/v1/tokens/corrections", (_, _) => Json(new { requestId = "authz-fix-new", from = Owner, to = Other, currency = "INR", amount = 1m, reason = "Authorisation matrix." }), Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/tokens/corrections/{requestId}/approve", (_, _) => $"/api/v1/tokens/corrections/{CorrectionToApprove}/approve", null, Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/tokens/corrections/{requestId}/decline", (_, _) => $"/api/v1/tokens/corrections/{CorrectionToDecline}/decline", (_, _) => Json(new { reason = "Authorisation matrix." }), Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/tokens/corrections", (_, _) => "/api/v1/tokens/corrections", null, Statuses.OperatorsOnly(200)),

        // Operators only.
        new("GET", "/api/v1/liquidity/forecast", (_, _) => "/api/v1/liquidity/forecast?currency=INR", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/participants/{bic}/events", (_, _) => $"/api/v1/participants/{Owner}/events", null, Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/participants/{bic}/suspend", (_, _) => $"/api/v1/participants/{Owner}/suspend", (_, _) => Json(new { reason = "Authorisation matrix: suspend." }), Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/participants/{bic}/resume", (_, _) => $"/api/v1/participants/{Owner}/resume", (_, _) => Json(new { reason = "Authorisation matrix: resume." }), Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/windows/", (_, _) => "/api/v1/windows?currency=INR", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/windows/{id}", (w, _) => $"/api/v1/windows/{w.WindowId}", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/windows/{id}/positions", (w, _) => $"/api/v1/windows/{w.WindowId}/positions", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/windows/{id}/reports/{**file}", (w, _) => $"/api/v1/windows/{w.WindowId}/reports/camt053/{Owner}-INR.xml", null, Statuses.OperatorsOnly(200), ShowsOwnersDataTo: [Caller.Operator]),
        new("POST", "/api/v1/windows/{currency}/close", (_, _) => "/api/v1/windows/USD/close", null, Statuses.OperatorsOnly(202)),
        new("POST", "/api/v1/windows/{id}/retry", (w, _) => $"/api/v1/windows/{w.WindowId}/retry", null, Statuses.OperatorsOnly(409)),
        new("GET", "/api/v1/review/", (_, _) => "/api/v1/review", null, Statuses.OperatorsOnly(200), ShowsOwnersDataTo: [Caller.Operator]),
        new("GET", "/api/v1/review/{id:guid}/decisions", (w, _) => $"/api/v1/review/{w.HeldToRelease}/decisions", null, Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/review/{id:guid}/release", (w, _) => $"/api/v1/review/{w.HeldToRelease}/release", (_, _) => Json(new { comment = "Authorisation matrix: release." }), Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/review/{id:guid}/reject", (w, _) => $"/api/v1/review/{w.HeldToReject}/reject", (_, _) => Json(new { comment = "Authorisation matrix: reject." }), Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/risk/breakers", (_, _) => "/api/v1/risk/breakers", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/risk/aml-alerts", (_, _) => "/api/v1/risk/aml-alerts", null, Statuses.OperatorsOnly(200)),
        new("POST", "/api/v1/risk/breakers/reset", (_, _) => "/api/v1/risk/breakers/reset", (_, _) => Json(new { participant = Owner, reason = "Authorisation matrix: reset." }), Statuses.OperatorsOnly(409)),
        new("GET", "/api/v1/fx/rates", (_, _) => "/api/v1/fx/rates", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/fx/versions", (_, _) => "/api/v1/fx/versions", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/fx/versions/{versionId}", (w, _) => $"/api/v1/fx/versions/{w.FxVersion}", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/operator-actions/", (_, _) => "/api/v1/operator-actions", null, Statuses.OperatorsOnly(200)),
        new("GET", "/api/v1/transactions/{id:guid}/trail", (w, _) => $"/api/v1/transactions/{w.TransactionId}/trail", null, Statuses.OperatorsOnly(200), ShowsOwnersDataTo: [Caller.Operator]),
    ];

    /// <summary>
    /// A's resources: a message of two clean payments (one priced from USD; both settled in INR-000001, whose reports
    /// are written) and two held for review, all with values found nowhere else (the canaries, with A's net debit of
    /// 8476.07 in that window); a suspended
    /// participant; the FX rate table version that priced A's payment.
    /// </summary>
    private static async Task<World> SetUpAsync(ApiServer server)
    {
        string tag = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        string msgId = $"AUTHZ-A-{tag}";
        string[] endToEnd = [$"AZ-{tag}-1", $"AZ-{tag}-2", $"AZ-{tag}-H1", $"AZ-{tag}-H2"];
        string[] uetrs = [TestMessages.Uetr(), TestMessages.Uetr(), TestMessages.Uetr(), TestMessages.Uetr()];
        string debtorName = $"Ananya Canary {tag}";
        var builder = new Pacs008Builder { MessageId = msgId };
        for (int i = 0; i < 4; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.EndToEndId = endToEnd[n];
                tx.Uetr = uetrs[n];
                tx.Amount = (4321.07m + n).ToString("0.00", CultureInfo.InvariantCulture);
                tx.DebtorName = debtorName;
                if (n == 1)
                {
                    // 50 USD paid in INR: priced through the rate table, whose version is then recorded.
                    (tx.Amount, tx.InstructedAmount, tx.InstructedCurrency) = ("4155.00", "50.00", "USD");
                }

                if (n >= 2)
                {
                    // A possible match on the demo list: held for an operator's review.
                    tx.CreditorName = "Viktor Pavlov Kassandro";
                }
            });
        }

        using HttpClient ops = server.Client(OperatorKey);
        Guid fileId = await server.SubmitAcceptedAsync(Owner, Encoding.UTF8.GetBytes(builder.Build()));
        await server.WaitForCompletionAsync(Owner, fileId);

        await using DelTranDbContext db = server.Db();
        Dictionary<string, Guid> transactions = await db.InboundFiles.AsNoTracking().Where(f => f.Id == fileId)
            .Join(db.Transactions.AsNoTracking(), f => f.MessageId, t => t.MessageId, (f, t) => new { t.EndToEndId, t.Id })
            .ToDictionaryAsync(t => t.EndToEndId!, t => t.Id);

        // The window that holds A's two clean payments, closed, settled and reported.
        const string window = "INR-000001";
        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync($"/api/v1/windows/INR/close?windowId={window}", null)).StatusCode);
        await WaitForAsync(
            async () =>
            {
                using HttpResponseMessage statement = await ops.GetAsync($"/api/v1/windows/{window}/reports/camt053/{Owner}-INR.xml");
                return statement.IsSuccessStatusCode
                    && (await ops.GetFromJsonAsync<JsonElement>($"/api/v1/windows/{window}")).GetProperty("window").GetProperty("state").GetString() == "SETTLED";
            },
            $"{window} settled with A's statement written");

        // A's tokens, with two transfers to B pending: one for A to post, one to void.
        using HttpClient owner = server.Client(ApiServer.DemoKey(Owner));
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "authz-setup", currency = "INR", amount = 1000m })).StatusCode);
        foreach (string pending in new[] { PendingToPost, PendingToVoid })
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/v1/tokens/transfers", new { requestId = pending, receiver = Other, currency = "INR", amount = 5m, pendingSeconds = 3600 })).StatusCode);
        }

        using (HttpClient secondOperator = server.Client("demo-operator2-key"))
        {
            foreach (string correction in new[] { CorrectionToApprove, CorrectionToDecline })
            {
                Assert.Equal(HttpStatusCode.OK, (await secondOperator.PostAsJsonAsync("/api/v1/tokens/corrections", new { requestId = correction, from = Owner, to = Other, currency = "INR", amount = 1m, reason = "Authorisation matrix." })).StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsJsonAsync($"/api/v1/participants/{SuspendedParticipant}/suspend", new { reason = "Authorisation matrix: a suspended participant." })).StatusCode);
        string fxVersion = await db.FxRateVersions.AsNoTracking().OrderBy(v => v.Id).Select(v => v.VersionId).FirstAsync();

        string ownerName = (await db.Participants.AsNoTracking().SingleAsync(p => p.Bic == Owner)).Name;
        return new World(
            server,
            fileId,
            transactions[endToEnd[0]],
            transactions[endToEnd[2]],
            transactions[endToEnd[3]],
            window,
            fxVersion,
            [msgId, .. endToEnd, .. uetrs, debtorName, ownerName, "4321.07", "4323.07", "4324.07", "8476.07"]);
    }

    private static JsonContent Json(object value) => JsonContent.Create(value);

    /// <summary>A participant's own action or read: A and B each get their own, no one else is admitted.</summary>
    private static Statuses ParticipantsOnly(int status) => new(401, 401, status, status, 401, 401);

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Expected status per caller.</summary>
    private sealed record Statuses(int Nobody, int WrongKey, int Owner, int Other, int Suspended, int Operator)
    {
        public static Statuses Everyone(int status) => new(status, status, status, status, status, status);

        public static Statuses OperatorsOnly(int status) => new(401, 401, 401, 401, 401, status);

        /// <summary>A participant's own resource: another participant is told it does not exist.</summary>
        public static Statuses OwnersOnly(int status) => new(401, 401, status, 404, 401, 401);

        public int For(Caller caller) => caller switch
        {
            Caller.Nobody => Nobody,
            Caller.WrongKey => WrongKey,
            Caller.Owner => Owner,
            Caller.Other => Other,
            Caller.Suspended => Suspended,
            _ => Operator,
        };
    }

    /// <param name="Method">The HTTP method, or "*" for an endpoint that takes any (probed with GET).</param>
    /// <param name="Pattern">The route pattern as the application maps it.</param>
    /// <param name="Path">The request path for a caller, with A's resources for the route values.</param>
    /// <param name="Body">The request body, if any.</param>
    /// <param name="Expected">The status each caller must get.</param>
    /// <param name="ShowsOwnersDataTo">Callers whose answer must hold A's data (so the canaries are known to work).</param>
    private sealed record Row(string Method, string Pattern, Func<World, Caller, string> Path, Func<World, Caller, HttpContent?>? Body, Statuses Expected, Caller[]? ShowsOwnersDataTo = null)
    {
        public string Key => $"{Method} {Pattern}";

        public Caller[] ShowsOwnersDataTo { get; } = ShowsOwnersDataTo ?? [];
    }

    private sealed record World(ApiServer Server, Guid FileId, Guid TransactionId, Guid HeldToRelease, Guid HeldToReject, string WindowId, string FxVersion, IReadOnlyList<string> Canaries)
    {
        public HttpClient Client(Caller caller) => caller switch
        {
            Caller.Nobody => Server.Client(),
            Caller.WrongKey => Server.Client("demo-nobody-key"),
            Caller.Owner => Server.Client(ApiServer.DemoKey(Owner)),
            Caller.Other => Server.Client(ApiServer.DemoKey(Other)),
            Caller.Suspended => Server.Client(ApiServer.DemoKey(SuspendedParticipant)),
            _ => Server.Client(OperatorKey),
        };

        /// <summary>A new file for each caller: A's own payment, and from B one that names A as the paying agent.</summary>
        public static ByteArrayContent Submission(Caller caller)
        {
            var content = new ByteArrayContent(TestMessages.Pacs008(TestMessages.UniqueMsgId("AUTHZ-" + caller), 1));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/xml");
            return content;
        }
    }
}
