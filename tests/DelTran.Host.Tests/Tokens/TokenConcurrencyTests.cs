using DelTran.Core.Amounts;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using DelTran.Host.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Tokens;

/// <summary>Many requests at once on PostgreSQL for one operation: it happens once, and every other answer says so.</summary>
public sealed class TokenConcurrencyTests
{
    [Fact]
    public async Task SamePendingTransfer_PostedByManyRequestsAtOnce_MovesTheTokensOnce()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        TokenService tokens = server.Services.GetRequiredService<TokenService>();
        Assert.Equal(TokenOperationStatus.Posted, (await tokens.MintAsync(new TokenFundingRequest("SRCBINBB", "mint-1", Currency.Inr, 100m), CancellationToken.None)).Operation!.Status);
        Assert.True((await tokens.TransferAsync(new TokenTransferRequest("SRCBINBB", "p-1", "EPRLAEAD", Currency.Inr, 60m, TimeSpan.FromHours(1)), CancellationToken.None)).Accepted);

        TokenDecision[] posts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => tokens.PostAsync("SRCBINBB", "p-1", CancellationToken.None))));

        Assert.Single(posts, p => p.Accepted);
        Assert.All(posts.Where(p => !p.Accepted), p => Assert.Equal(TokenRefusalKind.Conflict, p.Refusal!.Kind));
        await AssertBalancesAsync(server, ("SRCBINBB", 40m, 0m), ("EPRLAEAD", 60m, 0m));
    }

    [Fact]
    public async Task SameTransferAndSameMint_SentManyTimesAtOnce_HappenOnce()
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Production, extraSettings: new Dictionary<string, string?> { ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString() });
        TokenService tokens = server.Services.GetRequiredService<TokenService>();

        TokenDecision[] mints = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => tokens.MintAsync(new TokenFundingRequest("SRCBINBB", "mint-1", Currency.Inr, 100m), CancellationToken.None))));
        Assert.All(mints, m => Assert.True(m.Accepted, m.Refusal?.Reason));
        Assert.Single(bank.Ledger.Booked(), b => b.IdempotencyKey == "SRCBINBB/mint-1");

        TokenDecision[] transfers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => tokens.TransferAsync(new TokenTransferRequest("SRCBINBB", "t-1", "EPRLAEAD", Currency.Inr, 30m), CancellationToken.None))));
        Assert.All(transfers, t => Assert.True(t.Accepted, t.Refusal?.Reason));

        await AssertBalancesAsync(server, ("SRCBINBB", 70m, 0m), ("EPRLAEAD", 30m, 0m));
    }

    private static async Task AssertBalancesAsync(ApiServer server, params (string Participant, decimal Held, decimal Locked)[] expected)
    {
        await using DelTranDbContext db = server.Db();
        foreach (var (participant, held, locked) in expected)
        {
            TokenAccountRow account = db.TokenAccounts.AsEnumerable().Single(a => a.ParticipantBic == participant && a.Currency == Currency.Inr);
            Assert.Equal((held, locked), (account.Posted, account.Locked));
        }

        foreach (TokenBook book in await TokenBooks.LoadAsync(db, CancellationToken.None))
        {
            Assert.Empty(TokenConservation.Check(book));
        }
    }
}
