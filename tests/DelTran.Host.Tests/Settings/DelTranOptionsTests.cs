using DelTran.Host.Configuration;
using DelTran.Host.Tests.Cli;
using Microsoft.Extensions.Configuration;

namespace DelTran.Host.Tests.Settings;

public sealed class DelTranOptionsTests
{
    private static DelTranOptions Demo() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "appsettings.json"))
        .Build()
        .GetSection(DelTranOptions.Section)
        .Get<DelTranOptions>()!;

    [Fact]
    public void TheDemoConfiguration_HasNoProblem()
    {
        Assert.Empty(Demo().Problems());
    }

    [Fact]
    public void SettlementAccounts_OutsideWhatTheDatabaseStores_OrInNoCurrency_AreConfigurationProblems()
    {
        DelTranOptions options = Demo();
        options.Participants[0].Accounts[0].Balance = 10_000_000_000_000m;
        options.Participants[0].Accounts[1].CreditLine = -1m;
        options.Participants[1].Accounts[0].Currency = "RUPEE";

        Assert.Equal(
            [
                "DelTran:Participants:0:Accounts:0:Balance 10000000000000 must be at least 0 and below 10,000,000,000,000.",
                "DelTran:Participants:0:Accounts:1:CreditLine -1 must be at least 0 and below 10,000,000,000,000.",
                "DelTran:Participants:1:Accounts:0:Currency 'RUPEE' is not an ISO 4217 currency.",
            ],
            options.Problems());
    }
}
