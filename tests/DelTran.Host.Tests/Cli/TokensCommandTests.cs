using System.Net;
using System.Net.Http.Json;
using DelTran.Host.Tests.Support;
using DelTran.Host.Tokens;

namespace DelTran.Host.Tests.Cli;

/// <summary>`deltran tokens supply` and `deltran tokens reconcile` against a live PostgreSQL database and the mock bank.</summary>
public sealed class TokensCommandTests
{
    [Fact]
    public async Task Tokens_PrintTheSupplyAndReconcile_AndExitOneOnADifferenceAtTheBank()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        using HttpClient mumbai = server.Client(ApiServer.DemoKey("SRCBINBB"));
        Assert.Equal(HttpStatusCode.OK, (await mumbai.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "cli-1", currency = "USD", amount = 250m })).StatusCode);
        string work = Directory.CreateTempSubdirectory("deltran-tokens-cli-").FullName;
        string config = Path.Combine(work, "deltran.json");
        await File.WriteAllTextAsync(config, $$"""{ "ConnectionStrings": { "deltran": "{{server.Database!.ConnectionString}}" }, "DelTran": { "Banks": { "BaseUrl": "{{bank.BaseAddress}}" } } }""");

        (int exit, string stdout, string stderr) = CliRunner.Run("tokens", "supply", "--config", config);
        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("xUSD: outstanding 250 (locked 0), reserve 250, suspense 0, pending mints 0: every token backed", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = CliRunner.Run("tokens", "reconcile", "--config", config);
        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("xUSD: ledger reserve 250, bank 250: reconciled", stdout, StringComparison.Ordinal);

        await bank.BookOnTheBanksSideAsync("BANK-SIDE-2", TokenBankInstructions.Reference, "SRCBINBB", "USD", 5m, "CREDIT");

        (exit, stdout, _) = CliRunner.Run("tokens", "reconcile", "--config", config);
        Assert.Equal(1, exit);
        Assert.Contains("xUSD: ledger reserve 250, bank 245: DIFFERENCE", stdout, StringComparison.Ordinal);

        (exit, _, stderr) = CliRunner.Run("tokens", "supply", "--data", Path.Combine(work, "nothing"));
        Assert.Equal(2, exit);
        Assert.Contains("deltran tokens: no database at", stderr, StringComparison.Ordinal);
    }
}
