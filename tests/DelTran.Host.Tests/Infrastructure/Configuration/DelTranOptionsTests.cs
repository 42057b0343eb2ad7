using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Tests.Cli;
using Microsoft.Extensions.Configuration;

namespace DelTran.Host.Tests.Infrastructure.Configuration;

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

    [Fact]
    public void ApiKeys_MoreThanTwo_NotAHash_OrSharedByTwoHolders_AreConfigurationProblems()
    {
        DelTranOptions options = Demo();
        string a = new('a', 64);
        options.Participants[0].ApiKeySha256 = [a, new string('b', 64), new string('c', 64)];
        options.Participants[1].ApiKeySha256 = ["demo-kvriinbb-key"];
        options.Participants[2].ApiKeySha256 = [a];
        options.Operators[0].ApiKeySha256 = [];

        Assert.Equal(
            [
                "DelTran:Participants:0:ApiKeySha256 has 3 key(s); 0 to 2 are allowed (the key in use, and its successor while it is rotated).",
                "DelTran:Participants:1:ApiKeySha256 entry 'demo-kvriinbb-key' is not a SHA-256 in hex (64 characters): `deltran keys new` prints a key and its hash.",
                "DelTran:Participants:2:ApiKeySha256 repeats a key of DelTran:Participants:0:ApiKeySha256: one key would let two holders in as each other.",
                "DelTran:Operators:0:ApiKeySha256 has 0 key(s); 1 to 2 are allowed (the key in use, and its successor while it is rotated).",
            ],
            options.Problems());
    }

    [Fact]
    public void InstantSettlement_NotWrittenAsACorridor_IsAConfigurationProblem_AndAValidOneIsTheParticipantsChoice()
    {
        DelTranOptions options = Demo();
        options.Participants[0].InstantSettlement = ["IN-AE:INR", "INR"];

        Assert.Equal(["DelTran:Participants:0:InstantSettlement entry 'INR' is not of the form IN-AE:INR."], options.Problems());
        Assert.Equal([new Core.Liquidity.InstantSettlementChoice("SRCBINBB", new Core.Liquidity.Corridor("IN", "AE", Core.Amounts.Currency.Inr))], options.ToInstantSettlementChoices());
    }
}
