using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// The operators' side of `deltran serve` on PostgreSQL and RabbitMQ, with Hangfire on PostgreSQL and the real
/// mock bank: the window API and the dashboard, each behind an operator's key.
/// </summary>
public sealed class WindowsApiTests
{
    private const string OperatorKey = "demo-operator-key";

    [Theory]
    [InlineData("GBP")]
    [InlineData("xyz")]
    public async Task Close_OfACurrencyDelTranDoesNotClear_Is404_AndOpensNoWindow(string currency)
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient ops = server.Client(OperatorKey);

        using HttpResponseMessage response = await ops.PostAsync(new Uri($"/api/v1/windows/{currency}/close", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("it clears AED, INR, USD", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        JsonElement windows = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/windows?currency={currency}");
        Assert.Empty(windows.EnumerateArray());
        using HttpResponseMessage notACurrency = await ops.PostAsync(new Uri("/api/v1/windows/G1/close", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, notACurrency.StatusCode);
    }

    /// <summary>An open window's figures are live (before: obligations 0 until the close, while the balances showed them).</summary>
    [Fact]
    public async Task AnOpenWindow_ReportsTheObligationsItHoldsNow()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient ops = server.Client(OperatorKey);
        Guid id = await server.SubmitAcceptedAsync("SRCBINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("LIVE"), 3));
        await server.WaitForCompletionAsync("SRCBINBB", id);

        JsonElement window = (await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows/INR-000001")).GetProperty("window");
        JsonElement listed = Assert.Single((await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows?currency=INR")).EnumerateArray());

        foreach (JsonElement figures in new[] { window, listed })
        {
            Assert.Equal("OPEN", figures.GetProperty("state").GetString());
            Assert.Equal(3, figures.GetProperty("obligations").GetInt64());
            Assert.Equal(3.00m, figures.GetProperty("obligationSum").GetDecimal());
        }
    }

    [Fact]
    public async Task WindowsApi_RefusesAnyoneButAnOperator()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);

        using HttpClient anonymous = server.Client();
        using HttpClient participant = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient wrong = server.Client("not-a-key");
        using HttpClient operatorClient = server.Client(OperatorKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/windows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await participant.GetAsync("/api/v1/windows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/api/v1/windows/INR/close", null)).StatusCode);

        JsonElement windows = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/windows?currency=inr");
        JsonElement open = Assert.Single(windows.EnumerateArray());
        Assert.Equal(("INR-000001", "OPEN"), (open.GetProperty("id").GetString(), open.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync("/api/v1/windows/INR-999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.PostAsync("/api/v1/windows/XX1/close", null)).StatusCode);
    }

    [Fact]
    public async Task Dashboard_AsksForAnOperator_OutsideTheEmbeddedDefault()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production);
        using HttpClient client = server.Client();

        using HttpResponseMessage anonymous = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendBasicAsync(client, "ops", "wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendBasicAsync(client, "someone", OperatorKey)).StatusCode);
        using HttpResponseMessage signedIn = await SendBasicAsync(client, "ops", OperatorKey);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("DelTran batch operations", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The recurring closes are there for the operators to trigger by hand.
        using HttpResponseMessage recurring = await SendBasicAsync(client, "ops", OperatorKey, "/hangfire/recurring");
        string page = await recurring.Content.ReadAsStringAsync();
        Assert.Contains("close-window-INR", page, StringComparison.Ordinal);
        Assert.Contains("close-window-AED", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_IsOpenToLocalRequests_InTheEmbeddedDefault()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient client = server.Client();

        using HttpResponseMessage response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_ReportsNotReady_WhenTheBankEndpointDoesNotAnswer()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, waitForReady: false, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = $"http://127.0.0.1:{deadPort}",
            ["DelTran:Banks:AttemptTimeout"] = "00:00:01",
        });
        using HttpClient client = server.Client();

        // Wait until every other readiness check is healthy, so the bank is what readiness is left waiting for.
        HealthCheckService checks = server.Services.GetRequiredService<HealthCheckService>();
        HealthReport report = await checks.CheckHealthAsync(c => c.Tags.Contains("ready"));
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (report.Entries.Any(e => e.Key != "banks" && e.Value.Status != HealthStatus.Healthy) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            report = await checks.CheckHealthAsync(c => c.Tags.Contains("ready"));
        }

        string entries = string.Join("; ", report.Entries.Select(e => $"{e.Key} {e.Value.Status} {e.Value.Description}"));
        Assert.True(report.Entries.Where(e => e.Key != "banks").All(e => e.Value.Status == HealthStatus.Healthy), "not everything else came up: " + entries);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["banks"].Status);
        Assert.Contains($"127.0.0.1:{deadPort}", report.Entries["banks"].Description, StringComparison.Ordinal);

        using HttpResponseMessage ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task WindowsApi_ClosesSettlesRetriesAndServesReports()
    {
        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await bank.StartAsync();
        using var bankClient = new HttpClient { BaseAddress = new Uri(bank.Urls.First()) };
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.Urls.First(),
            ["DelTran:Banks:AttemptTimeout"] = "00:00:01",
            ["DelTran:Banks:TotalTimeout"] = "00:00:04",
        });
        Assert.NotNull(server.Database); // on PostgreSQL and RabbitMQ, as asked
        using HttpClient ops = server.Client(OperatorKey);
        using HttpResponseMessage submitted = await server.SubmitAsync("SRCBINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("WIN"), 3));
        Guid id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await ApiServer.WaitForCompletion(server.BaseAddress, ApiServer.DemoKey("SRCBINBB"), id);

        // The bank refuses SRCBINBB's debit: the window fails, with the reason for the operator.
        (await bankClient.PostAsJsonAsync("/api/v1/control/faults", new { mode = "fail", participant = "SRCBINBB" })).EnsureSuccessStatusCode();
        using HttpResponseMessage closed = await ops.PostAsync("/api/v1/windows/INR/close?windowId=INR-000001", null);
        Assert.Equal(HttpStatusCode.Accepted, closed.StatusCode);
        using HttpResponseMessage again = await ops.PostAsync("/api/v1/windows/INR/close?windowId=INR-000001", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        JsonElement failed = await WaitForStateAsync(ops, "INR-000001", "FAILED");
        Assert.Contains("SRCBINBB", failed.GetProperty("window").GetProperty("failureReason").GetString(), StringComparison.Ordinal);

        // The operator retries once the bank is back.
        (await bankClient.DeleteAsync("/api/v1/control/faults")).EnsureSuccessStatusCode();
        using HttpResponseMessage retried = await ops.PostAsync("/api/v1/windows/INR-000001/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        JsonElement settled = await WaitForStateAsync(ops, "INR-000001", "SETTLED");
        Assert.Equal(3, settled.GetProperty("window").GetProperty("obligations").GetInt64());
        Assert.Contains(settled.GetProperty("history").EnumerateArray(), e => e.GetProperty("to").GetString() == "FAILED");
        Assert.Equal(HttpStatusCode.Conflict, (await ops.PostAsync("/api/v1/windows/INR-000001/retry", null)).StatusCode);

        JsonElement positions = await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows/INR-000001/positions");
        var nets = positions.GetProperty("positions").EnumerateArray().ToDictionary(p => p.GetProperty("participant").GetString()!, p => p.GetProperty("net").GetDecimal());
        Assert.Equal(-3.00m, nets["SRCBINBB"]);
        Assert.Equal(3.00m, nets["EPRLAEAD"]);

        await WaitForAsync(async () => (await ops.GetAsync("/api/v1/windows/INR-000001/reports/audit/net-positions.csv")).IsSuccessStatusCode);
        using HttpResponseMessage csv = await ops.GetAsync("/api/v1/windows/INR-000001/reports/audit/net-positions.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("window_id,participant,currency,debit,credit,net", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/v1/windows/INR-000001/reports/camt053/SRCBINBB-INR.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync("/api/v1/windows/INR-000001/reports/..%2F..%2Fdeltran.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync("/api/v1/windows/INR-000001/reports/nothing.csv")).StatusCode);
    }

    /// <summary>
    /// Netting efficiency is one figure however it is read (issue 15, item 6): the windows API and control-totals.csv
    /// carry the fraction with four decimals, the workbook's cell holds that same number displayed as a percentage with
    /// two decimals, and the window's history says the percentage. 2,500.00 one way and 1,000.00 back: 1 − 3,000 / 7,000.
    /// </summary>
    [Fact]
    public async Task NettingEfficiency_IsTheSameFigure_InTheApiTheWorkbookTheCsvAndTheHistory()
    {
        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await bank.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.Urls.First() });
        using HttpClient ops = server.Client(OperatorKey);
        foreach ((string sender, string creditor, string amount) in new[] { ("SRCBINBB", "EPRLAEADXXX", "2500.00"), ("EPRLAEAD", "SRCBINBBXXX", "1000.00") })
        {
            var message = new Core.Tests.Support.Pacs008Builder { MessageId = TestMessages.UniqueMsgId("EFF"), InstructingAgent = sender + "XXX" };
            message.Add(tx =>
            {
                tx.Uetr = TestMessages.Uetr();
                tx.DebtorAgent = sender + "XXX";
                tx.CreditorAgent = creditor;
                tx.CreditorIban = creditor.StartsWith("EPRL", StringComparison.Ordinal) ? tx.CreditorIban : null;
                tx.Amount = amount;
            });
            Guid id = await server.SubmitAcceptedAsync(sender, Encoding.UTF8.GetBytes(message.Build()));
            await server.WaitForCompletionAsync(sender, id);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync("/api/v1/windows/INR/close", null)).StatusCode);
        JsonElement settled = await WaitForStateAsync(ops, "INR-000001", "SETTLED");
        await WaitForAsync(async () => (await ops.GetAsync("/api/v1/windows/INR-000001/reports/audit/manifest.json")).IsSuccessStatusCode);

        JsonElement api = settled.GetProperty("window").GetProperty("nettingEfficiency");
        Assert.Equal("0.5714", api.GetRawText());
        string[] totals = (await ops.GetStringAsync("/api/v1/windows/INR-000001/reports/audit/control-totals.csv")).Split("\r\n");
        Assert.Equal(api.GetRawText(), totals[1].Split(',')[Array.IndexOf(totals[0].Split(','), "netting_efficiency")]);

        string workbook = Path.Combine(Path.GetTempPath(), $"deltran-efficiency-{Guid.NewGuid():N}.xlsx");
        try
        {
            await File.WriteAllBytesAsync(workbook, await ops.GetByteArrayAsync("/api/v1/windows/INR-000001/reports/audit/audit-pack.xlsx"));
            using var book = new ClosedXML.Excel.XLWorkbook(workbook);
            ClosedXML.Excel.IXLCell header = book.Worksheet("Summary").CellsUsed().Single(c => c.GetString() == "netting_efficiency");
            ClosedXML.Excel.IXLCell cell = header.CellBelow();
            Assert.Equal(api.GetDouble(), cell.GetDouble());
            // Excel shows the fraction through this format as the history says it: 57.14%.
            Assert.Equal("0.00%", cell.Style.NumberFormat.Format);
        }
        finally
        {
            File.Delete(workbook);
        }

        Assert.Contains(settled.GetProperty("history").EnumerateArray(), e => e.GetProperty("cause").GetString()!.EndsWith("efficiency 57.14%", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendBasicAsync(HttpClient client, string user, string password, string path = "/hangfire")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> WaitForStateAsync(HttpClient ops, string windowId, string state)
    {
        JsonElement window = default;
        await WaitForAsync(
            async () =>
            {
                window = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/windows/{windowId}");
                return window.GetProperty("window").GetProperty("state").GetString() == state;
            },
            () => $"window {windowId} is not {state}: {window}");
        return window;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string>? last = null)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within 60 s. {last?.Invoke()}");
            await Task.Delay(200);
        }
    }
}
