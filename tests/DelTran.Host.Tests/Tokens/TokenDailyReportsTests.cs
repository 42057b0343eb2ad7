using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using DelTran.Core.Amounts;
using DelTran.Core.Tests.Support;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Reports;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// Each finished day's token reports: a camt.053 per token account (valid against the base schema, closing on the ledger's
/// balance), the proof of reserves, and a manifest of SHA-256s; written once, the same bytes when written again later in
/// another place and at another time, and each participant's statement served to that participant only.
/// </summary>
public sealed class TokenDailyReportsTests
{
    private static readonly XNamespace Camt = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task AFinishedDay_HasEachAccountsStatement_AndAProofOfReserves_ServedOnlyToWhomTheyBelong(PipelineMode mode)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey("SRCBINBB"));
        using HttpClient dubai = server.Client(ApiServer.DemoKey("EPRLAEAD"));
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = 1000m })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/transfers", new { requestId = "t-1", receiver = "EPRLAEAD", currency = "INR", amount = 250.50m })).StatusCode);

        // Two days on, in another process's place: the day of the postings is over in Asia/Kolkata.
        DateTimeOffset postedAt = DateTimeOffset.UtcNow;
        DateOnly day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(postedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        ReportsLocation served = server.Services.GetRequiredService<ReportsLocation>();
        TokenDailyReports reports = Reports(server, served, new FakeTimeProvider(postedAt.AddDays(2)));
        Assert.False(await Reports(server, served, new FakeTimeProvider(postedAt)).WriteAsync(Currency.Inr, day, CancellationToken.None));

        IReadOnlyList<string> written = await reports.CatchUpAsync(CancellationToken.None);

        string folder = TokenDailyReports.FolderOf(Currency.Inr, day);
        Assert.Contains(folder, written);
        Assert.Empty(await reports.CatchUpAsync(CancellationToken.None));
        string root = Path.Combine(served.Root, folder);
        Assert.Equal(
            ["camt053/EPRLAEAD-INR.xml", "camt053/SRCBINBB-INR.xml", "camt053/TOKEN-RESERVE-INR.xml", "manifest.json", "proof-of-reserves.csv"],
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        foreach (string statement in Directory.EnumerateFiles(Path.Combine(root, "camt053")))
        {
            using FileStream file = File.OpenRead(statement);
            Assert.Empty(RepoPaths.SchemaErrors(file, RepoPaths.BaseSchema("camt.053.001.08")));
        }

        Assert.Equal("749.50", ClosingBalance(Path.Combine(root, "camt053/SRCBINBB-INR.xml")));
        Assert.Equal("250.50", ClosingBalance(Path.Combine(root, "camt053/EPRLAEAD-INR.xml")));
        string[] proof = File.ReadAllLines(Path.Combine(root, "proof-of-reserves.csv"));
        Assert.Equal("currency,day,from,to,outstanding,reserve,suspense,reserve_equals_outstanding_plus_suspense,participant_accounts,reconciled_at,bank_reserve,reconciliation_matched", proof[0]);
        Assert.StartsWith($"INR,{day:yyyy-MM-dd},", proof[1], StringComparison.Ordinal);
        Assert.Contains(",1000.00,1000.00,0.00,true,2,", proof[1], StringComparison.Ordinal);
        using (JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "manifest.json"))))
        {
            foreach (JsonElement file in manifest.RootElement.GetProperty("files").EnumerateArray())
            {
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, file.GetProperty("file").GetString()!)))), file.GetProperty("sha256").GetString());
            }
        }

        // Written again elsewhere, later: every file but the manifest (which says when it was written) is the same.
        string elsewhere = Path.Combine(Path.GetTempPath(), "deltran-token-reports-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.True(await Reports(server, new ReportsLocation(elsewhere), new FakeTimeProvider(postedAt.AddDays(30))).WriteAsync(Currency.Inr, day, CancellationToken.None));
            foreach (string name in new[] { "camt053/SRCBINBB-INR.xml", "camt053/TOKEN-RESERVE-INR.xml", "proof-of-reserves.csv" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(root, name)), File.ReadAllBytes(Path.Combine(elsewhere, folder, name)));
            }
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }

        // A participant reads its own statement only; the reserve's and the proof are the operators'.
        Assert.Equal(HttpStatusCode.OK, (await mumbai.GetAsync(new Uri($"/api/v1/reports/{folder}/files/camt053/SRCBINBB-INR.xml", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dubai.GetAsync(new Uri($"/api/v1/reports/{folder}/files/camt053/SRCBINBB-INR.xml", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mumbai.GetAsync(new Uri($"/api/v1/reports/{folder}/files/proof-of-reserves.csv", UriKind.Relative))).StatusCode);
        JsonElement listed = (await mumbai.GetFromJsonAsync<JsonElement>("/api/v1/reports")).EnumerateArray().Single(r => r.GetProperty("id").GetString() == folder);
        Assert.Equal("tokens", listed.GetProperty("kind").GetString());
        Assert.Equal(["camt053/SRCBINBB-INR.xml"], listed.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        using HttpClient ops = server.Client("demo-operator-key");
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(new Uri($"/api/v1/reports/{folder}/files/proof-of-reserves.csv", UriKind.Relative))).StatusCode);
    }

    private static TokenDailyReports Reports(ApiServer server, ReportsLocation location, TimeProvider clock) => new(
        server.Db,
        server.Services.GetRequiredService<IOptions<DelTranOptions>>(),
        server.Services.GetRequiredService<IOptions<ClearingOptions>>(),
        location,
        clock);

    private static string ClosingBalance(string statement) =>
        XDocument.Load(statement).Descendants(Camt + "Bal").Single(b => b.Descendants(Camt + "Cd").First().Value == "CLBD").Element(Camt + "Amt")!.Value;
}
