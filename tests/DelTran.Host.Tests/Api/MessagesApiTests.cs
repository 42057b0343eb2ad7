using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DelTran.Core.Pipeline;
using DelTran.Host.Api;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// The HTTP drop over real HTTP (Kestrel on loopback): submission, status, pacs.002, keys, limits and bad
/// input. Most tests share one embedded-default server; the happy path also runs on PostgreSQL and RabbitMQ.
/// </summary>
public sealed class MessagesApiTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private const string Sender = "SRCBINBB";

    private ApiServer Server => fixture.Server;

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Submit_Returns202ThenCompletesWithASchemaValidPacs002_WhenTheSampleIsPostedAsXml(PipelineMode mode)
    {
        await using ApiServer server = await ApiServer.StartAsync(mode);
        byte[] sample = await File.ReadAllBytesAsync(TestMessages.SamplePath);
        XDocument original = XDocument.Load(TestMessages.SamplePath);
        XNamespace pacs008 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";
        string msgId = original.Descendants(pacs008 + "MsgId").Single().Value;
        string uetr = original.Descendants(pacs008 + "UETR").Single().Value;
        string endToEndId = original.Descendants(pacs008 + "EndToEndId").Single().Value;

        using HttpResponseMessage response = await server.SubmitAsync(Sender, sample);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Guid id = body.GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal("RECEIVED", body.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/messages/{id}", body.GetProperty("statusUrl").GetString());
        Assert.Equal($"/api/v1/messages/{id}", response.Headers.Location?.OriginalString);

        JsonElement status = await server.WaitForCompletionAsync(Sender, id);
        Assert.Equal(id, status.GetProperty("id").GetGuid());
        Assert.Equal("PARSED", status.GetProperty("fileStatus").GetString());
        Assert.Equal(msgId, status.GetProperty("messageId").GetString());
        Assert.Equal("pacs.008.001.08", status.GetProperty("messageType").GetString());
        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        Assert.Equal(1, status.GetProperty("transactions").GetInt32());
        JsonElement outcome = Assert.Single(status.GetProperty("outcomes").EnumerateArray());
        Assert.Equal(TransactionStates.Code(TransactionState.Accepted), outcome.GetProperty("state").GetString());
        Assert.Equal(Guid.Parse(uetr), outcome.GetProperty("uetr").GetGuid());
        Assert.Equal($"/api/v1/messages/{id}/status-report", status.GetProperty("statusReportUrl").GetString());

        using HttpClient client = server.Client(ApiServer.DemoKey(Sender));
        using HttpResponseMessage reportResponse = await client.GetAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reportResponse.StatusCode);
        Assert.Equal("application/xml", reportResponse.Content.Headers.ContentType?.MediaType);
        string xml = await reportResponse.Content.ReadAsStringAsync();
        Assert.Empty(TestMessages.Pacs002SchemaErrors(xml));
        XDocument report = XDocument.Parse(xml);
        Assert.Equal(msgId, report.Descendants(TestMessages.Pacs002 + "OrgnlMsgId").Single().Value);
        Assert.Equal("pacs.008.001.08", report.Descendants(TestMessages.Pacs002 + "OrgnlMsgNmId").Single().Value);
        Assert.Equal([(endToEndId, "ACCP")], TestMessages.TransactionStatuses(report));
    }

    [Fact]
    public async Task Submit_AcceptsAMultipartFile_WhenItCarriesOneXmlFile()
    {
        string msgId = TestMessages.UniqueMsgId("MULTI");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestMessages.Pacs008(msgId, 3));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        form.Add(file, "file", "payments.xml");
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));

        using HttpResponseMessage response = await client.PostAsync(new Uri("/api/v1/messages", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Guid id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        JsonElement status = await Server.WaitForCompletionAsync(Sender, id);
        Assert.Equal(msgId, status.GetProperty("messageId").GetString());
        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        Assert.Equal(3, status.GetProperty("transactionStates").GetProperty(TransactionStates.Code(TransactionState.Accepted)).GetInt32());
        await using DelTranDbContext db = Server.Db();
        Assert.Equal("payments.xml", (await db.InboundFiles.AsNoTracking().SingleAsync(f => f.Id == id)).OriginalName);
    }

    [Theory]
    [InlineData("POST", null)]
    [InlineData("POST", "demo-nosuchbank-key")]
    [InlineData("POST", " ")]
    [InlineData("STATUS", null)]
    [InlineData("STATUS", "demo-nosuchbank-key")]
    [InlineData("REPORT", null)]
    [InlineData("REPORT", "demo-nosuchbank-key")]
    public async Task Api_Returns401_WhenTheKeyIsMissingOrUnknown(string call, string? key)
    {
        // A real message exists, so a 401 cannot be a 404 in disguise.
        Guid id = await Server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("AUTH"), 1));
        using HttpClient client = Server.Client();
        using var request = call switch
        {
            "POST" => new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = Xml(TestMessages.Pacs008(TestMessages.UniqueMsgId("AUTH"), 1)) },
            "STATUS" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/messages/{id}"),
            _ => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/messages/{id}/status-report"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyAuthentication.Header, key);
        }

        long before = await StoredFilesAsync();

        using HttpResponseMessage response = await client.SendAsync(request);

        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("AUTH-", text, StringComparison.Ordinal);
        Assert.Equal(before, await StoredFilesAsync());
    }

    [Fact]
    public async Task Get_Returns404WithoutTheData_WhenAnotherParticipantAsksForTheMessage()
    {
        string msgId = TestMessages.UniqueMsgId("OWNER");
        Guid id = await Server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(msgId, 2));
        await Server.WaitForCompletionAsync(Sender, id);
        using HttpClient owner = Server.Client(ApiServer.DemoKey(Sender));
        using HttpClient other = Server.Client(ApiServer.DemoKey("EPRLAEAD"));

        foreach (string path in new[] { $"/api/v1/messages/{id}", $"/api/v1/messages/{id}/status-report" })
        {
            using HttpResponseMessage mine = await owner.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Contains(msgId, await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using HttpResponseMessage theirs = await other.GetAsync(new Uri(path, UriKind.Relative));
            string text = await theirs.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.DoesNotContain(msgId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Sender, text, StringComparison.Ordinal);
            Assert.DoesNotContain("E2E-", text, StringComparison.Ordinal);

            // Indistinguishable from an id that does not exist at all.
            using HttpResponseMessage none = await other.GetAsync(new Uri(path.Replace(id.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.Equal(Title(await none.Content.ReadAsStringAsync()), Title(text));
        }
    }

    [Fact]
    public async Task Submit_Returns413WithoutReadingTheBody_WhenContentLengthIsOverTheLimit()
    {
        var body = new GeneratedStream(MessagesApi.MaxBodyBytes + 1);
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) };
        using var client = new HttpClient(handler) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        request.Content.Headers.ContentLength = MessagesApi.MaxBodyBytes + 1;
        request.Headers.ExpectContinue = true;
        request.Headers.Add(ApiKeyAuthentication.Header, ApiServer.DemoKey(Sender));

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, body.Produced);

        // The answer says where a large file goes instead.
        Assert.Contains("through SFTP or the watched folder", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Returns413AndStoresNothing_WhenAChunkedBodyGrowsOverTheLimit()
    {
        long filesBefore, chunksBefore;
        await using (DelTranDbContext db = Server.Db())
        {
            filesBefore = await db.InboundFiles.CountAsync();
            chunksBefore = await db.InboundFileChunks.CountAsync();
        }

        var body = new GeneratedStream(MessagesApi.MaxBodyBytes + 1);
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
        using var content = new StreamContent(body, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = content };

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(request.Content.Headers.ContentLength);
        // No Content-Length to short-cut on: the server read up to its limit before refusing.
        Assert.True(body.Produced >= MessagesApi.MaxBodyBytes, $"only {body.Produced} bytes were sent");
        await using (DelTranDbContext db = Server.Db())
        {
            Assert.Equal(filesBefore, await db.InboundFiles.CountAsync());
            Assert.Equal(chunksBefore, await db.InboundFileChunks.CountAsync());
        }
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Submit_Returns415_WhenTheContentTypeIsNotXml(string? contentType)
    {
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
        var content = new ByteArrayContent(TestMessages.Pacs008(TestMessages.UniqueMsgId("MEDIA"), 1));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        long before = await StoredFilesAsync();

        using HttpResponseMessage response = await client.PostAsync(new Uri("/api/v1/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertProblemAsync(response, 415);
        Assert.Equal(before, await StoredFilesAsync());
    }

    /// <summary>Every error answer is a problem document, also those the framework answers before any endpoint runs.</summary>
    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing", 404)]
    [InlineData("DELETE", "/api/v1/messages", 405)]
    [InlineData("PUT", "/api/v1/windows/INR/close", 405)]
    public async Task EveryErrorAnswer_IsAProblemDocument(string method, string path, int status)
    {
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using HttpResponseMessage response = await client.SendAsync(request);

        await AssertProblemAsync(response, status);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Submit_Returns415_WhenTheMultipartFileIsNotXml()
    {
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "scan.png");
        long before = await StoredFilesAsync();

        using HttpResponseMessage response = await client.PostAsync(new Uri("/api/v1/messages", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await StoredFilesAsync());
    }

    public static TheoryData<string, bool> BadXmlBodies() => new()
    {
        { "not-xml", false },
        { "not-xml", true },
        { "truncated", false },
        { "truncated", true },
        { "dtd-bomb", false },
        { "dtd-bomb", true },
        { "external-entity", false },
        { "binary", false },
    };

    [Theory]
    [MemberData(nameof(BadXmlBodies))]
    public async Task Submit_Returns202ThenAPacs002RjctFF01_WhenAnXmlBodyIsNotWellFormedOrHostile(string kind, bool multipart)
    {
        string nonce = Guid.NewGuid().ToString("N");
        byte[] body = kind switch
        {
            "not-xml" => Encoding.UTF8.GetBytes($"This is a payment, honest. {nonce}"),
            // The sample cut in the middle of a transaction, after a unique comment so the bytes are new.
            "truncated" => [.. Encoding.UTF8.GetBytes($"<!-- {nonce} -->"), .. (await File.ReadAllBytesAsync(TestMessages.SamplePath)).AsSpan(0, 900)],
            "dtd-bomb" => Encoding.UTF8.GetBytes(DtdBomb(nonce)),
            "external-entity" => Encoding.UTF8.GetBytes(
                $"<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><!-- {nonce} -->&xxe;</Document>"),
            _ => [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x00, 0xFF, 0xFE, .. Guid.NewGuid().ToByteArray()],
        };

        Guid id;
        if (multipart)
        {
            using var form = new MultipartFormDataContent();
            form.Add(Xml(body), "file", "bad.xml");
            using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
            using HttpResponseMessage response = await client.PostAsync(new Uri("/api/v1/messages", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }
        else
        {
            id = await Server.SubmitAcceptedAsync(Sender, body);
        }

        JsonElement status = await Server.WaitForCompletionAsync(Sender, id);
        Assert.Equal("RJCT", status.GetProperty("groupStatus").GetString());
        Assert.Equal(0, status.GetProperty("transactions").GetInt32());
        Assert.StartsWith("FF01", status.GetProperty("rejectReasons").GetString(), StringComparison.Ordinal);

        string xml = await StatusReportAsync(id);
        Assert.Empty(TestMessages.Pacs002SchemaErrors(xml));
        XDocument report = XDocument.Parse(xml);
        Assert.Equal("RJCT", TestMessages.GroupStatus(report));
        Assert.Contains("FF01", TestMessages.GroupReasonCodes(report));
        Assert.Empty(TestMessages.TransactionStatuses(report));
        Assert.DoesNotContain("root:", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Returns200DuplicateWithTheFirstId_WhenTheSameBytesArriveAgain()
    {
        byte[] bytes = TestMessages.Pacs008(TestMessages.UniqueMsgId("TWICE"), 2);
        Guid first = await Server.SubmitAcceptedAsync(Sender, bytes);

        using HttpResponseMessage again = await Server.SubmitAsync(Sender, bytes);
        using var form = new MultipartFormDataContent { { Xml(bytes), "file", "again.xml" } };
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
        using HttpResponseMessage viaMultipart = await client.PostAsync(new Uri("/api/v1/messages", UriKind.Relative), form);

        foreach (HttpResponseMessage response in new[] { again, viaMultipart })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(first, body.GetProperty("id").GetGuid());
            Assert.Equal("DUPLICATE", body.GetProperty("status").GetString());
            Assert.Equal($"/api/v1/messages/{first}", body.GetProperty("statusUrl").GetString());
        }

        JsonElement status = await Server.WaitForCompletionAsync(Sender, first);
        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        await using DelTranDbContext db = Server.Db();
        string sha = (await db.InboundFiles.AsNoTracking().SingleAsync(f => f.Id == first)).Sha256;
        Assert.Equal(1, await db.InboundFiles.CountAsync(f => f.Sha256 == sha));
        Guid messageId = (await db.InboundFiles.AsNoTracking().SingleAsync(f => f.Id == first)).MessageId!.Value;
        Assert.Equal(2, await db.Obligations.CountAsync(o => db.Transactions.Any(t => t.Id == o.TransactionId && t.MessageId == messageId)));
    }

    [Fact]
    public async Task Submit_RejectsEachTransactionRC01_WhenTheInstructingAgentIsNotTheKeysParticipant()
    {
        // SRCBINBB's message sent with KVRIINBB's key.
        Guid id = await Server.SubmitAcceptedAsync("KVRIINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("IMPOSTOR"), 2));

        await Server.WaitForCompletionAsync("KVRIINBB", id);

        using HttpClient client = Server.Client(ApiServer.DemoKey("KVRIINBB"));
        JsonElement status = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative))).RootElement;
        Assert.Equal("RJCT", status.GetProperty("groupStatus").GetString());
        Assert.All(status.GetProperty("outcomes").EnumerateArray(), o =>
        {
            Assert.Equal(TransactionStates.Code(TransactionState.Rejected), o.GetProperty("state").GetString());
            Assert.Equal("RC01", o.GetProperty("reasonCode").GetString());
        });
        Assert.Equal(2, status.GetProperty("outcomes").GetArrayLength());
    }

    [Fact]
    public async Task GetStatus_PagesTheOutcomes_WhenOffsetAndLimitAreGiven()
    {
        Guid id = await Server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("PAGES"), 5));
        await Server.WaitForCompletionAsync(Sender, id);
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));

        JsonElement all = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative))).RootElement;
        JsonElement page = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/messages/{id}?offset=2&limit=2", UriKind.Relative))).RootElement;

        string[] allIds = [.. all.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("endToEndId").GetString()!)];
        string[] pageIds = [.. page.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("endToEndId").GetString()!)];
        Assert.Equal(["E2E-000000", "E2E-000001", "E2E-000002", "E2E-000003", "E2E-000004"], allIds);
        Assert.Equal(["E2E-000002", "E2E-000003"], pageIds);
        Assert.Equal(2, page.GetProperty("offset").GetInt32());
        Assert.Equal(5, page.GetProperty("transactions").GetInt32());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task Health_Returns200Healthy_WhenTheServiceIsUp(string path)
    {
        using HttpClient client = Server.Client();

        using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonElement health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.All(health.GetProperty("checks").EnumerateArray(), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
    }

    /// <summary>
    /// The document says who may call what and every answer (issue 15, item 5): the security schemes, each guarded
    /// operation's schemes, 401 and 503 on every one of them, and close and retry answering 202 (not 200).
    /// </summary>
    [Fact]
    public async Task OpenApi_DeclaresTheSecuritySchemes_AndEachOperationsCallersAndAnswers()
    {
        using HttpClient client = Server.Client();
        JsonElement document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        JsonElement schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (schemes.GetProperty("participantKey").GetProperty("type").GetString(), schemes.GetProperty("participantKey").GetProperty("in").GetString(), schemes.GetProperty("participantKey").GetProperty("name").GetString()));
        Assert.Equal("apiKey", schemes.GetProperty("operatorKey").GetProperty("type").GetString());
        Assert.Equal(("http", "basic"), (schemes.GetProperty("operatorBasic").GetProperty("type").GetString(), schemes.GetProperty("operatorBasic").GetProperty("scheme").GetString()));

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}", Operation: o.Value)))
            .ToDictionary(o => o.Key, o => o.Operation, StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach ((string key, JsonElement operation) in operations)
        {
            string[] security = operation.TryGetProperty("security", out JsonElement s) ? [.. s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))] : [];
            string[] statuses = [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)];
            if (security.Length == 0 || !statuses.Contains("401") || !statuses.Contains("503"))
            {
                wrong.Add($"{key}: security [{string.Join(", ", security)}], answers [{string.Join(", ", statuses)}]");
            }
        }

        Assert.True(wrong.Count == 0, "operations without their callers or their 401 and 503:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
        string[] Statuses(string key) => [.. operations[key].GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal)];
        string[] Security(string key) => [.. operations[key].GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))];
        Assert.Equal(["202", "400", "401", "404", "409", "503"], Statuses("POST /api/v1/windows/{currency}/close"));
        Assert.Equal(["202", "401", "404", "409", "503"], Statuses("POST /api/v1/windows/{id}/retry"));
        Assert.Equal(["participantKey"], Security("POST /api/v1/messages"));
        Assert.Equal(["participantKey", "operatorKey", "operatorBasic"], Security("GET /api/v1/messages/{id}"));
        Assert.Equal(["operatorKey", "operatorBasic"], Security("GET /api/v1/operator-actions"));
    }

    /// <summary>
    /// Every successful answer has its body described (issue 15, item 5: typed responses, not anonymous objects), except
    /// the report file downloads, whose media type is the file's.
    /// </summary>
    [Fact]
    public async Task OpenApi_DescribesTheBodyOfEverySuccessfulAnswer()
    {
        using HttpClient client = Server.Client();
        JsonElement document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;
        string[] files = ["GET /api/v1/reports/{id}/files/{name}", "GET /api/v1/windows/{id}/reports/{file}"];

        var undescribed = new List<string>();
        foreach (JsonProperty path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject())
            {
                string key = $"{operation.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}";
                if (files.Contains(key))
                {
                    continue;
                }

                foreach (JsonProperty answer in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    bool described = answer.Value.TryGetProperty("content", out JsonElement content)
                        && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out JsonElement schema) && schema.EnumerateObject().Any());
                    if (!described)
                    {
                        undescribed.Add($"{key} {answer.Name}");
                    }
                }
            }
        }

        Assert.True(undescribed.Count == 0, "answers without a described body:" + Environment.NewLine + string.Join(Environment.NewLine, undescribed));
        JsonElement summary = document.GetProperty("components").GetProperty("schemas").GetProperty("WindowSummary").GetProperty("properties");
        Assert.True(summary.TryGetProperty("nettingEfficiency", out _) && summary.TryGetProperty("obligationSum", out _));
    }

    [Fact]
    public async Task OpenApi_ListsEveryOperation_WithTheMessagesMediaTypesAndErrors()
    {
        using HttpClient client = Server.Client();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                "GET /api/v1/fx/rates", "GET /api/v1/fx/versions", "GET /api/v1/fx/versions/{versionId}",
                "GET /api/v1/liquidity/forecast",
                "GET /api/v1/messages/{id}", "GET /api/v1/messages/{id}/status-report",
                "GET /api/v1/operator-actions",
                "GET /api/v1/participants/{bic}/balances", "GET /api/v1/participants/{bic}/events",
                "GET /api/v1/reports", "GET /api/v1/reports/{id}/files/{name}",
                "GET /api/v1/review", "GET /api/v1/review/{id}/decisions",
                "GET /api/v1/risk/aml-alerts", "GET /api/v1/risk/breakers",
                "GET /api/v1/tokens/balances", "GET /api/v1/tokens/corrections", "GET /api/v1/tokens/history", "GET /api/v1/tokens/operations/{requestId}", "GET /api/v1/tokens/supply",
                "GET /api/v1/transactions/{id}/trail",
                "GET /api/v1/windows", "GET /api/v1/windows/{id}", "GET /api/v1/windows/{id}/positions", "GET /api/v1/windows/{id}/reports/{file}",
                "POST /api/v1/messages",
                "POST /api/v1/participants/{bic}/resume", "POST /api/v1/participants/{bic}/suspend",
                "POST /api/v1/review/{id}/reject", "POST /api/v1/review/{id}/release",
                "POST /api/v1/risk/breakers/reset",
                "POST /api/v1/tokens/burns", "POST /api/v1/tokens/corrections", "POST /api/v1/tokens/corrections/{requestId}/approve", "POST /api/v1/tokens/corrections/{requestId}/decline", "POST /api/v1/tokens/mints", "POST /api/v1/tokens/transfers", "POST /api/v1/tokens/transfers/batch",
                "POST /api/v1/tokens/transfers/{requestId}/post", "POST /api/v1/tokens/transfers/{requestId}/void",
                "POST /api/v1/windows/{currency}/close", "POST /api/v1/windows/{id}/retry",
            ],
            operations);

        JsonElement post = document.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == "/api/v1/messages").Value.GetProperty("post");
        string[] mediaTypes = [.. post.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name)];
        Assert.Contains("application/xml", mediaTypes);
        Assert.Contains("multipart/form-data", mediaTypes);
        string[] statuses = [.. post.GetProperty("responses").EnumerateObject().Select(r => r.Name)];
        Assert.Equal(["200", "202", "401", "413", "415", "503"], statuses.Order(StringComparer.Ordinal));
    }

    private static ByteArrayContent Xml(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return content;
    }

    private static string DtdBomb(string nonce)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n  <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++)
        {
            xml.Append("  <!ENTITY lol").Append(i).Append(" \"").Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">\n");
        }

        return xml.Append("]>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><!-- ").Append(nonce).Append(" -->&lol9;</Document>\n").ToString();
    }

    private static string? Title(string problemJson) => JsonDocument.Parse(problemJson).RootElement.GetProperty("title").GetString();

    private async Task<string> StatusReportAsync(Guid id)
    {
        using HttpClient client = Server.Client(ApiServer.DemoKey(Sender));
        using HttpResponseMessage response = await client.GetAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<long> StoredFilesAsync()
    {
        await using DelTranDbContext db = Server.Db();
        return await db.InboundFiles.LongCountAsync();
    }
}
