using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using DelTran.Host.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// The token engine through `deltran serve`, on the embedded store and on PostgreSQL with RabbitMQ, against the mock bank:
/// mints, transfers (single, two-phase, linked batches), burns and every refusal, with the ledger conserved after each.
/// </summary>
public sealed class TokensApiTests
{
    private const string Mumbai = "SRCBINBB";
    private const string Dubai = "EPRLAEAD";
    private const string Newark = "LBHBUS33";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Tokens_MintTransferAndBurn_KeepEveryTokenBacked(PipelineMode mode)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));
        using HttpClient dubai = server.Client(ApiServer.DemoKey(Dubai));

        JsonElement minted = await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "INR", amount = 1000.00m });
        Assert.Equal(("MINT", "POSTED", "xINR"), (Text(minted, "kind"), Text(minted, "status"), Text(minted, "token")));
        BookedAtBank(bank, "SRCBINBB/mint-1", "DEBIT", 1000.00m);
        await AssertConservedAsync(server);

        JsonElement sent = await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "t-1", receiver = "EPRLAEADXXX", currency = "INR", amount = 250.50m });
        Assert.Equal(("POSTED", Dubai), (Text(sent, "status"), Text(sent, "receiver")));
        // The same request again answers as the first time, and moves nothing.
        Assert.Equal("POSTED", Text(await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "t-1", receiver = Dubai, currency = "INR", amount = 250.50m }), "status"));
        Assert.Equal((749.50m, 0m), await BalanceAsync(mumbai, "INR"));
        Assert.Equal((250.50m, 0m), await BalanceAsync(dubai, "INR"));

        JsonElement pending = await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "t-2", receiver = Dubai, currency = "INR", amount = 100m, pendingSeconds = 300 });
        Assert.Equal("PENDING", Text(pending, "status"));
        Assert.Equal((749.50m, 100m), await BalanceAsync(mumbai, "INR"));
        Assert.Equal("POSTED", Text(await OkAsync(mumbai, "/api/v1/tokens/transfers/t-2/post", new { }), "status"));
        await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "t-3", receiver = Dubai, currency = "INR", amount = 40m, pendingSeconds = 300 });
        Assert.Equal("VOIDED", Text(await OkAsync(mumbai, "/api/v1/tokens/transfers/t-3/void", new { }), "status"));
        Assert.Equal((649.50m, 0m), await BalanceAsync(mumbai, "INR"));

        JsonElement batch = await OkAsync(dubai, "/api/v1/tokens/transfers/batch", new
        {
            transfers = new object[]
            {
                new { requestId = "b-1", receiver = Mumbai, currency = "INR", amount = 300m },
                new { requestId = "b-2", receiver = Newark, currency = "INR", amount = 50.50m },
            },
        });
        Assert.Equal(2, batch.GetProperty("transfers").GetArrayLength());
        Assert.Equal((0m, 0m), await BalanceAsync(dubai, "INR"));

        JsonElement burned = await OkAsync(mumbai, "/api/v1/tokens/burns", new { requestId = "burn-1", currency = "INR", amount = 949.50m });
        Assert.Equal("POSTED", Text(burned, "status"));
        BookedAtBank(bank, "SRCBINBB/burn-1", "CREDIT", 949.50m);
        Assert.Equal((0m, 0m), await BalanceAsync(mumbai, "INR"));

        using HttpClient ops = server.Client("demo-operator-key");
        JsonElement supply = (await ops.GetFromJsonAsync<JsonElement>("/api/v1/tokens/supply")).EnumerateArray().Single(s => Text(s, "currency") == "INR");
        Assert.Equal((50.50m, 50.50m, 0m, true), (supply.GetProperty("outstanding").GetDecimal(), supply.GetProperty("reserve").GetDecimal(), supply.GetProperty("suspense").GetDecimal(), supply.GetProperty("backed").GetBoolean()));
        await AssertConservedAsync(server);

        JsonElement history = await mumbai.GetFromJsonAsync<JsonElement>("/api/v1/tokens/history?currency=INR&limit=3");
        Assert.Equal(["MINT", "TRANSFER", "TRANSFER"], history.GetProperty("entries").EnumerateArray().Select(e => Text(e, "kind")));
        long next = history.GetProperty("next").GetInt64();
        JsonElement rest = await mumbai.GetFromJsonAsync<JsonElement>($"/api/v1/tokens/history?currency=INR&after={next}");
        Assert.Equal(["TRANSFER", "BURN"], rest.GetProperty("entries").EnumerateArray().Select(e => Text(e, "kind")));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);

        // `deltran check`'s invariants hold, the bank's books included: the mint and the burn are booked there once each.
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Tokens_RefuseBadRequestsWithAReason_AndChangeNothing(PipelineMode mode)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));
        using HttpClient dubai = server.Client(ApiServer.DemoKey(Dubai));
        await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "USD", amount = 100m });
        await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "p-1", receiver = Dubai, currency = "USD", amount = 10m, pendingSeconds = 60 });

        (string Path, object Body, HttpStatusCode Status, string Reason)[] refusals =
        [
            ("/api/v1/tokens/transfers", new { requestId = "x-1", receiver = Dubai, currency = "EUR", amount = 1m }, HttpStatusCode.BadRequest, "AM03"),
            ("/api/v1/tokens/transfers", new { requestId = "x-2", receiver = Dubai, currency = "USD", amount = 0m }, HttpStatusCode.BadRequest, "AM01"),
            ("/api/v1/tokens/transfers", new { requestId = "x-3", receiver = Dubai, currency = "USD", amount = -5m }, HttpStatusCode.BadRequest, "AM12"),
            ("/api/v1/tokens/transfers", new { requestId = "x-4", receiver = Dubai, currency = "USD", amount = 1.001m }, HttpStatusCode.BadRequest, "AM12"),
            ("/api/v1/tokens/transfers", new { requestId = "x-5", receiver = "NOTABIC", currency = "USD", amount = 1m }, HttpStatusCode.BadRequest, "RC01"),
            ("/api/v1/tokens/transfers", new { requestId = "x-6", receiver = "NOTRGB2L", currency = "USD", amount = 1m }, HttpStatusCode.UnprocessableEntity, "AC03"),
            ("/api/v1/tokens/transfers", new { requestId = "x-7", receiver = Dubai, currency = "USD", amount = 91m }, HttpStatusCode.UnprocessableEntity, "AM04"),
            ("/api/v1/tokens/transfers", new { requestId = "x 8", receiver = Dubai, currency = "USD", amount = 1m }, HttpStatusCode.BadRequest, "FF01"),
            ("/api/v1/tokens/transfers", new { requestId = "p-1", receiver = Dubai, currency = "USD", amount = 11m, pendingSeconds = 60 }, HttpStatusCode.Conflict, "DUPL"),
            ("/api/v1/tokens/mints", new { requestId = "p-1", currency = "USD", amount = 1m }, HttpStatusCode.Conflict, "DUPL"),
            ("/api/v1/tokens/burns", new { requestId = "burn-9", currency = "USD", amount = 95m }, HttpStatusCode.UnprocessableEntity, "AM04"),
            ("/api/v1/tokens/transfers/batch", new { transfers = Array.Empty<object>() }, HttpStatusCode.BadRequest, "AM18"),
            ("/api/v1/tokens/transfers/batch", new { transfers = new object[] { new { requestId = "bb-1", receiver = Dubai, currency = "USD", amount = 50m }, new { requestId = "bb-2", receiver = Dubai, currency = "USD", amount = 41m } } }, HttpStatusCode.UnprocessableEntity, "AM04"),
        ];
        foreach (var (path, body, status, reason) in refusals)
        {
            using HttpResponseMessage response = await mumbai.PostAsJsonAsync(path, body);
            Assert.True(status == response.StatusCode, $"{path} {JsonSerializer.Serialize(body)}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }

        // Another participant's pending transfer is not found; the sender's own cannot be posted twice.
        Assert.Equal(HttpStatusCode.NotFound, (await dubai.PostAsJsonAsync("/api/v1/tokens/transfers/p-1/post", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dubai.GetAsync(new Uri("/api/v1/tokens/operations/p-1", UriKind.Relative))).StatusCode);
        await OkAsync(mumbai, "/api/v1/tokens/transfers/p-1/void", new { });
        using HttpResponseMessage again = await mumbai.PostAsJsonAsync("/api/v1/tokens/transfers/p-1/post", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Nothing refused changed a balance, and nothing was left locked.
        Assert.Equal((100m, 0m), await BalanceAsync(mumbai, "USD"));
        Assert.Equal((0m, 0m), await BalanceAsync(dubai, "USD"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "m", currency = "USD", amount = 1m })).StatusCode);
        await AssertConservedAsync(server);
    }

    [Fact]
    public async Task Tokens_VoidARefusedMint_AndKeepABurnLockedUntilTheBankAnswers()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
            ["DelTran:Banks:MaxRetries"] = "0",
            ["DelTran:Banks:AttemptTimeout"] = "00:00:01",
            ["DelTran:Banks:TotalTimeout"] = "00:00:02",
        });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));

        await bank.AddFaultAsync("refuse", participant: Mumbai, direction: "DEBIT", times: 1);
        JsonElement refused = await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "AED", amount = 500m });
        Assert.Equal(("VOIDED", "AG01"), (Text(refused, "status"), Text(refused, "reasonCode")));
        Assert.Equal((0m, 0m), await BalanceAsync(mumbai, "AED"));

        await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-2", currency = "AED", amount = 500m });
        await bank.AddFaultAsync("fail", participant: Mumbai, direction: "CREDIT", times: 1);
        JsonElement unknown = await OkAsync(mumbai, "/api/v1/tokens/burns", new { requestId = "burn-1", currency = "AED", amount = 200m });
        Assert.Equal("PENDING", Text(unknown, "status"));
        Assert.Equal((500m, 200m), await BalanceAsync(mumbai, "AED"));
        await AssertConservedAsync(server);

        // The bank is back: the sweeper asks again with the same key, and the burn is paid out once.
        TokenDecision paid = await server.Services.GetRequiredService<TokenService>().FundAsync(await OperationAsync(server, "SRCBINBB/burn-1"), CancellationToken.None);
        Assert.Equal(TokenOperationStatus.Posted, paid.Operation!.Status);
        Assert.Equal((300m, 0m), await BalanceAsync(mumbai, "AED"));
        Assert.Single(bank.Ledger.Booked(), b => b.IdempotencyKey == "SRCBINBB/burn-1");
        await AssertConservedAsync(server);
    }

    [Fact]
    public async Task Tokens_PutAMintTheBankBookedAfterItsTimeoutInSuspense_AndRefundIt()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
            ["DelTran:Banks:MaxRetries"] = "0",
            ["DelTran:Banks:AttemptTimeout"] = "00:00:01",
            ["DelTran:Banks:TotalTimeout"] = "00:00:02",
        });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));

        // The bank books the money and answers too late: DelTran has voided the mint meanwhile.
        await bank.AddFaultAsync("hold-after-booking", participant: Mumbai, direction: "DEBIT", times: 1, delayMs: 600_000);
        JsonElement voided = await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "late-1", currency = "USD", amount = 800m });
        Assert.Equal(("VOIDED", "AB03"), (Text(voided, "status"), Text(voided, "reasonCode")));
        Assert.Single(bank.Ledger.Booked(), b => b.IdempotencyKey == "SRCBINBB/late-1");

        // The sweeper asks the bank, finds the booking, holds the money in suspense and pays it back.
        await server.Services.GetRequiredService<TokenSweeper>().SweepOnceAsync(CancellationToken.None);

        TokenOperation mint = await OperationAsync(server, "SRCBINBB/late-1");
        TokenOperation refund = await OperationAsync(server, "SRCBINBB/late-1/refund");
        Assert.Equal((TokenOperationStatus.Voided, bank.Ledger.Find("SRCBINBB/late-1")!.ConfirmationId), (mint.Status, mint.ConfirmationId));
        Assert.Equal(TokenOperationStatus.Posted, refund.Status);
        BookedAtBank(bank, "SRCBINBB/late-1/refund", "CREDIT", 800m);
        Assert.Equal((0m, 0m), await BalanceAsync(mumbai, "USD"));
        using HttpClient ops = server.Client("demo-operator-key");
        JsonElement supply = (await ops.GetFromJsonAsync<JsonElement>("/api/v1/tokens/supply")).EnumerateArray().Single(s => Text(s, "currency") == "USD");
        Assert.Equal((0m, 0m, 0m), (supply.GetProperty("outstanding").GetDecimal(), supply.GetProperty("reserve").GetDecimal(), supply.GetProperty("suspense").GetDecimal()));
        await AssertConservedAsync(server);
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    [Fact]
    public async Task Tokens_HaltNewOperations_WhileTheLedgerIsBroken_AndResumeOnceItIsSound()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));
        await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "USD", amount = 100m });
        TokenGuard guard = server.Services.GetRequiredService<TokenGuard>();

        // A token that nothing backs: the account says 101 where its postings and the reserve say 100.
        await SetPostedAsync(server, 101m);
        IReadOnlyList<string>? problems = await guard.CheckOnceAsync(CancellationToken.None);
        Assert.Contains(problems!, p => p.Contains("TOKEN:SRCBINBB USD: balance 101, but its postings sum to 100", StringComparison.Ordinal));

        foreach ((string path, object body) in new (string, object)[]
        {
            ("/api/v1/tokens/transfers", new { requestId = "t-1", receiver = Dubai, currency = "USD", amount = 1m }),
            ("/api/v1/tokens/mints", new { requestId = "mint-2", currency = "USD", amount = 1m }),
            ("/api/v1/tokens/burns", new { requestId = "burn-1", currency = "USD", amount = 1m }),
        })
        {
            using HttpResponseMessage halted = await mumbai.PostAsJsonAsync(path, body);
            Assert.True(halted.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {halted.StatusCode}");
            Assert.Equal("AB04", (await halted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }

        Assert.DoesNotContain(bank.Ledger.Booked(), b => b.IdempotencyKey != "SRCBINBB/mint-1");

        await SetPostedAsync(server, 100m);
        Assert.Empty((await guard.CheckOnceAsync(CancellationToken.None))!);
        Assert.Equal("POSTED", Text(await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "t-1", receiver = Dubai, currency = "USD", amount = 1m }), "status"));
    }

    [Fact]
    public async Task Tokens_ReconcileTheReserveWithTheBanksStatement_AndHaltOnADifference()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));
        using HttpClient ops = server.Client("demo-operator-key");
        await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "INR", amount = 500m });
        TokenReconciler reconciler = server.Services.GetRequiredService<TokenReconciler>();

        TokenReconciliationRow agreed = Assert.Single(await reconciler.ReconcileAsync(CancellationToken.None), r => r.Currency.Code == "INR");
        Assert.Equal((500m, (decimal?)500m, true), (agreed.LedgerReserve, agreed.BankReserve, agreed.Matches));

        // Money booked on the bank's side into the reserve account that DelTran never asked for.
        await bank.BookOnTheBanksSideAsync("BANK-SIDE-1", TokenBankInstructions.Reference, Mumbai, "INR", 10m, "DEBIT");

        TokenReconciliationRow differs = Assert.Single(await reconciler.ReconcileAsync(CancellationToken.None), r => r.Currency.Code == "INR");
        Assert.Equal((500m, (decimal?)510m, false), (differs.LedgerReserve, differs.BankReserve, differs.Matches));
        Assert.Contains("the bank's statement gives the reserve account 510, DelTran's ledger 500", differs.Problems, StringComparison.Ordinal);
        using HttpResponseMessage halted = await mumbai.PostAsJsonAsync("/api/v1/tokens/transfers", new { requestId = "t-1", receiver = Dubai, currency = "INR", amount = 1m });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, halted.StatusCode);
        JsonElement supply = (await ops.GetFromJsonAsync<JsonElement>("/api/v1/tokens/supply")).EnumerateArray().Single(s => Text(s, "currency") == "INR");
        Assert.False(supply.GetProperty("lastReconciliation").GetProperty("matches").GetBoolean());
        Assert.Equal(510m, supply.GetProperty("lastReconciliation").GetProperty("bankReserve").GetDecimal());
    }

    [Fact]
    public async Task Tokens_ReconcileAfterTheBankRestarts_BecauseTheBankKeepsItsBooksOnDisk()
    {
        string books = Path.Combine(Directory.CreateTempSubdirectory("deltran-bank-books-").FullName, "books.jsonl");
        MockBankServer bank = await MockBankServer.StartAsync(books: books);
        Uri address = bank.BaseAddress;
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = address.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));
        await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "AED", amount = 300m });
        await OkAsync(mumbai, "/api/v1/tokens/burns", new { requestId = "burn-1", currency = "AED", amount = 100m });
        string confirmation = bank.Ledger.Find("SRCBINBB/mint-1")!.ConfirmationId;
        await bank.DisposeAsync();

        await using MockBankServer restarted = await MockBankServer.StartAsync(books: books, url: address);

        Assert.Equal(["SRCBINBB/mint-1", "SRCBINBB/burn-1"], restarted.Ledger.Booked().Select(b => b.IdempotencyKey));
        Assert.Equal(confirmation, restarted.Ledger.Find("SRCBINBB/mint-1")!.ConfirmationId);
        TokenReconciliationRow aed = Assert.Single(await server.Services.GetRequiredService<TokenReconciler>().ReconcileAsync(CancellationToken.None), r => r.Currency.Code == "AED");
        Assert.Equal((200m, (decimal?)200m, true), (aed.LedgerReserve, aed.BankReserve, aed.Matches));
    }

    private static async Task SetPostedAsync(ApiServer server, decimal posted)
    {
        await using DelTranDbContext db = server.Db();
        TokenAccountRow account = db.TokenAccounts.AsEnumerable().Single(a => a.Account == "TOKEN:SRCBINBB" && a.Currency.Code == "USD");
        account.Posted = posted;
        await db.SaveChangesAsync();
    }

    private static async Task<TokenOperation> OperationAsync(ApiServer server, string id)
    {
        await using DelTranDbContext db = server.Db();
        return TokenRows.ToCore(db.TokenOperations.Single(o => o.Id == id));
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Correction_MovesTokensOnlyOnceASecondOperatorApproves_RecordingBothNamesAndTheReason(PipelineMode mode)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey(Mumbai));
        using HttpClient dubai = server.Client(ApiServer.DemoKey(Dubai));
        using HttpClient ops = server.Client("demo-operator-key");
        using HttpClient ops2 = server.Client("demo-operator2-key");
        await OkAsync(mumbai, "/api/v1/tokens/mints", new { requestId = "mint-1", currency = "INR", amount = 1000m });
        await OkAsync(mumbai, "/api/v1/tokens/transfers", new { requestId = "wrong", receiver = Dubai, currency = "INR", amount = 300m });

        var body = new { requestId = "fix-1", from = "EPRLAEADXXX", to = Mumbai, currency = "INR", amount = 300m, reason = "Sent to the wrong bank (ticket 42).", corrects = "SRCBINBB/wrong" };
        JsonElement entered = await OkAsync(ops, "/api/v1/tokens/corrections", body);
        Assert.Equal(("PENDING", "ops", Dubai, Mumbai), (Text(entered, "status"), Text(entered, "enteredBy"), Text(entered, "from"), Text(entered, "to")));
        Assert.Equal((300m, 300m), await BalanceAsync(dubai, "INR"));
        await AssertConservedAsync(server);

        // Participants cannot touch corrections; the operator who entered one cannot approve it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await dubai.PostAsJsonAsync("/api/v1/tokens/corrections/fix-1/approve", new { })).StatusCode);
        await ProblemAsync(ops, "/api/v1/tokens/corrections/fix-1/approve", new { }, HttpStatusCode.Forbidden, "AG01");
        await ProblemAsync(ops, "/api/v1/tokens/corrections", body with { amount = 301m }, HttpStatusCode.Conflict, "DUPL");
        await ProblemAsync(ops, "/api/v1/tokens/corrections", body with { requestId = "fix-2", reason = "" }, HttpStatusCode.BadRequest, "FF01");
        await ProblemAsync(ops, "/api/v1/tokens/corrections", body with { requestId = "fix-3", amount = 1m }, HttpStatusCode.UnprocessableEntity, "AM04");

        JsonElement approved = await OkAsync(ops2, "/api/v1/tokens/corrections/fix-1/approve", new { });
        Assert.Equal(("POSTED", "ops", "ops2", "Sent to the wrong bank (ticket 42).", "SRCBINBB/wrong"), (Text(approved, "status"), Text(approved, "enteredBy"), Text(approved, "approvedBy"), Text(approved, "reason"), Text(approved, "corrects")));
        Assert.Equal((0m, 0m), await BalanceAsync(dubai, "INR"));
        Assert.Equal((1000m, 0m), await BalanceAsync(mumbai, "INR"));
        await ProblemAsync(ops2, "/api/v1/tokens/corrections/fix-1/decline", new { reason = "Too late." }, HttpStatusCode.Conflict, "AG01");
        await ProblemAsync(ops2, "/api/v1/tokens/corrections/nothing/approve", new { }, HttpStatusCode.NotFound, "AC01");
        await AssertConservedAsync(server);

        // Declined: the tokens are unlocked, and who declined and why is kept beside the entry's reason.
        await OkAsync(ops2, "/api/v1/tokens/corrections", body with { requestId = "fix-4", from = Mumbai, to = Dubai, amount = 10m });
        JsonElement declined = await OkAsync(ops, "/api/v1/tokens/corrections/fix-4/decline", new { reason = "Not needed." });
        Assert.Equal(("VOIDED", "ops2", "ops"), (Text(declined, "status"), Text(declined, "enteredBy"), Text(declined, "approvedBy")));
        Assert.Equal((1000m, 0m), await BalanceAsync(mumbai, "INR"));
        JsonElement[] listed = [.. (await ops.GetFromJsonAsync<JsonElement>("/api/v1/tokens/corrections")).EnumerateArray()];
        Assert.Equal(["fix-4", "fix-1"], listed.Select(c => Text(c, "requestId")));
        Assert.Single((await ops.GetFromJsonAsync<JsonElement>("/api/v1/tokens/corrections?status=posted")).EnumerateArray());
        JsonElement history = await mumbai.GetFromJsonAsync<JsonElement>("/api/v1/tokens/history?currency=INR");
        Assert.Contains(history.GetProperty("entries").EnumerateArray(), e => Text(e, "kind") == "CORRECTION" && e.GetProperty("amount").GetDecimal() == 300m);
        await Support.Invariants.AssertHoldAsync(server, bank);
    }

    private static async Task ProblemAsync(HttpClient client, string path, object body, HttpStatusCode status, string reason)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {response.StatusCode} {text}");
        Assert.Equal(reason, JsonDocument.Parse(text).RootElement.GetProperty("reason").GetString());
    }

    private static void BookedAtBank(MockBankServer bank, string key, string direction, decimal amount)
    {
        var booked = Assert.Single(bank.Ledger.Booked(), b => b.IdempotencyKey == key);
        Assert.Equal((direction, amount, TokenBankInstructions.Reference), (booked.Direction, booked.Amount, booked.WindowId));
    }

    private static async Task AssertConservedAsync(ApiServer server)
    {
        await using DelTranDbContext db = server.Db();
        foreach (TokenBook book in await TokenBooks.LoadAsync(db, CancellationToken.None))
        {
            Assert.Empty(TokenConservation.Check(book));
        }
    }

    private static async Task<(decimal Held, decimal Locked)> BalanceAsync(HttpClient client, string currency)
    {
        JsonElement balances = await client.GetFromJsonAsync<JsonElement>("/api/v1/tokens/balances");
        JsonElement? found = balances.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(b => Text(b!.Value, "currency") == currency);
        return found is { } b ? (b.GetProperty("held").GetDecimal(), b.GetProperty("locked").GetDecimal()) : (0m, 0m);
    }

    private static async Task<JsonElement> OkAsync(HttpClient client, string path, object body)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
