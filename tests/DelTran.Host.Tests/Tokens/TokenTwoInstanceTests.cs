using System.Net;
using System.Net.Http.Json;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// Two `deltran serve` processes on one PostgreSQL database and broker, each asked at once to post the same pending
/// transfer: the tokens move once, one post is answered POSTED and every other 409 (already POSTED), and the ledger is
/// conserved, whichever instance wins.
/// </summary>
public sealed class TokenTwoInstanceTests
{
    [Fact]
    public async Task SamePendingTransfer_PostedThroughTwoInstancesAtOnce_MovesTheTokensOnce()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using var processes = new ServeProcesses(Environment(database, "tok2i" + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString()));
        ServeProcess first = await processes.StartAsync("deltran-a");
        ServeProcess second = await processes.StartAsync("deltran-b");
        using HttpClient a = Client(first), b = Client(second);
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = 100m })).StatusCode);

        for (int round = 0; round < 5; round++)
        {
            string id = "p-" + round;
            Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/api/v1/tokens/transfers", new { requestId = id, receiver = "EPRLAEAD", currency = "INR", amount = 10m, pendingSeconds = 600 })).StatusCode);

            HttpStatusCode[] answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                using HttpResponseMessage response = await (i % 2 == 0 ? a : b).PostAsync(new Uri($"/api/v1/tokens/transfers/{id}/post", UriKind.Relative), null);
                return response.StatusCode;
            })));

            Assert.Single(answers, s => s == HttpStatusCode.OK);
            Assert.All(answers.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        }

        await using NpgsqlDataSource data = database.CreateDataSource();
        Assert.Equal(10, await ScalarAsync(data, "SELECT count(*) FROM ledger_entries WHERE kind = 'TRANSFER'"));
        await using (NpgsqlCommand held = data.CreateCommand("SELECT posted FROM token_accounts WHERE account = 'TOKEN:EPRLAEAD' AND currency = 'INR'"))
        {
            Assert.Equal(50m, (decimal)(await held.ExecuteScalarAsync())!);
        }

        await Support.Invariants.AssertHoldAsync(database.ConnectionString, ForCheck(await BookingsAsync(bank.Http)));
        Assert.False(first.HasExited || second.HasExited, first.Output + second.Output);
    }

    private static HttpClient Client(ServeProcess process)
    {
        var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiServer.DemoKey(Sender));
        return client;
    }
}
