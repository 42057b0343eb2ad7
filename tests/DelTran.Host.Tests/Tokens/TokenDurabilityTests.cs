using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using DelTran.Host.Tests.Resilience;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// Durability of token transfers under load, on PostgreSQL with fsync and synchronous commit as the cluster has them:
/// `deltran serve` killed with SIGKILL, and separately PostgreSQL stopped in immediate mode (a crash, no checkpoint).
/// Every transfer answered 200 still exists afterwards, posted once; every transfer sent again with its id after the
/// crash is answered as one, and none exists twice; the token ledger is conserved.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class TokenDurabilityTests
{
    private const string Receiver = "EPRLAEAD";
    private const decimal Minted = 100_000m;
    private const int Workers = 8;

    [Fact]
    public async Task TransfersAnsweredBeforeASigkill_AllExistOnce_AndTheUnansweredOnesAreDecidedOnceWhenSentAgain()
    {
        await using Installation installation = await Installation.StartAsync("tokdur");
        ServeProcess first = await installation.Processes.StartAsync("deltran-first");
        await MintAsync(first.BaseAddress);

        using var load = new TransferLoad(first.BaseAddress);
        await load.UntilAnsweredAsync(300);
        await first.KillAsync();
        await load.StopAsync();
        Assert.True(first.HasExited);

        ServeProcess second = await installation.Processes.StartAsync("deltran-second");
        await AssertDurableAsync(installation, second.BaseAddress, load);
        Assert.False(second.HasExited, second.Output);
    }

    [Fact]
    public async Task TransfersAnsweredBeforePostgresStopsInImmediateMode_AllExistOnce_AndTheRestAreDecidedOnceWhenSentAgain()
    {
        await using Installation installation = await Installation.StartAsync("tokpg");
        ServeProcess serve = await installation.Processes.StartAsync("deltran-pg");
        await MintAsync(serve.BaseAddress);

        using var load = new TransferLoad(serve.BaseAddress);
        await load.UntilAnsweredAsync(300);
        bool down = false;
        try
        {
            await TestServers.RunPgCtlAsync("stop", "-m", "immediate");
            down = true;
            int answeredWhileDown = load.Answered.Count;
            await TestServers.RunPgCtlAsync("start");
            down = false;
            NpgsqlConnection.ClearAllPools();

            // The service finds the database again by itself and answers again.
            await load.UntilAnsweredAsync(answeredWhileDown + 100, TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (down)
            {
                await TestServers.RunPgCtlAsync("start");
            }

            NpgsqlConnection.ClearAllPools();
        }

        await load.StopAsync();
        Assert.Contains(load.Refused, status => status == HttpStatusCode.ServiceUnavailable);
        await AssertDurableAsync(installation, serve.BaseAddress, load);
        Assert.False(serve.HasExited, serve.Output);
    }

    private static async Task MintAsync(Uri baseAddress)
    {
        using HttpClient sender = Client(baseAddress);
        using HttpResponseMessage minted = await sender.PostAsJsonAsync("/api/v1/tokens/mints", new { requestId = "fund", currency = "INR", amount = Minted });
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
    }

    // Every transfer answered 200 is posted with its two postings; every attempted one, sent again, is answered POSTED;
    // then exactly the attempted ones exist, the sender lost exactly one rupee for each, and the ledger is conserved.
    private static async Task AssertDurableAsync(Installation installation, Uri baseAddress, TransferLoad load)
    {
        await using NpgsqlDataSource data = installation.Database.CreateDataSource();
        HashSet<string> posted = [.. await TextsAsync(data, "SELECT id FROM token_operations WHERE kind = 'Transfer' AND status = 'Posted'")];
        Assert.DoesNotContain(load.Answered.Select(TokenId), id => !posted.Contains(id));

        using HttpClient sender = Client(baseAddress);
        foreach (string requestId in load.Attempted.Keys)
        {
            JsonContentAnswer answer = await TransferLoad.SendUntilAnsweredAsync(sender, requestId);
            Assert.Equal((HttpStatusCode.OK, "POSTED"), (answer.Status, answer.State));
        }

        Assert.Equal(load.Attempted.Count, await ScalarAsync(data, "SELECT count(*) FROM token_operations WHERE kind = 'Transfer'"));
        Assert.Equal(0, await ScalarAsync(data, "SELECT count(*) FROM (SELECT instruction_id FROM ledger_entries WHERE kind = 'TRANSFER' GROUP BY instruction_id HAVING count(*) <> 2) twice"));
        await using (NpgsqlCommand held = data.CreateCommand("SELECT posted FROM token_accounts WHERE account = 'TOKEN:SRCBINBB' AND currency = 'INR'"))
        {
            Assert.Equal(Minted - load.Attempted.Count, (decimal)(await held.ExecuteScalarAsync())!);
        }

        await Support.Invariants.AssertHoldAsync(installation.Database.ConnectionString, ForCheck(await BookingsAsync(installation.Bank.Http)));
    }

    private static string TokenId(string requestId) => Sender + "/" + requestId;

    private static HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiServer.DemoKey(Sender));
        return client;
    }

    private static async Task<List<string>> TextsAsync(NpgsqlDataSource data, string sql)
    {
        await using NpgsqlCommand command = data.CreateCommand(sql);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    private sealed record JsonContentAnswer(HttpStatusCode Status, string? State);

    /// <summary>One installation: its own database, the mock bank, and the serve processes started on them.</summary>
    private sealed class Installation : IAsyncDisposable
    {
        private Installation(PostgresDatabase database, MockBankServer bank, ServeProcesses processes) => (Database, Bank, Processes) = (database, bank, processes);

        public PostgresDatabase Database { get; }

        public MockBankServer Bank { get; }

        public ServeProcesses Processes { get; }

        public static async Task<Installation> StartAsync(string prefix)
        {
            PostgresDatabase database = await PostgresDatabase.CreateAsync();
            MockBankServer bank = await MockBankServer.StartAsync();
            return new Installation(database, bank, new ServeProcesses(Environment(database, prefix + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString())));
        }

        public async ValueTask DisposeAsync()
        {
            await Processes.DisposeAsync();
            await Bank.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    /// <summary>
    /// Transfers of one rupee from SRCBINBB to EPRLAEAD by <see cref="Workers"/> clients at once, each with a fresh id:
    /// which ids were sent, which were answered 200, and what the others were answered (an exception is no answer).
    /// </summary>
    private sealed class TransferLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _workers;
        private int _next;

        public TransferLoad(Uri baseAddress) =>
            _workers = [.. Enumerable.Range(0, Workers).Select(_ => Task.Run(() => RunAsync(baseAddress)))];

        public ConcurrentDictionary<string, bool> Attempted { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<string> Answered { get; } = [];

        public ConcurrentBag<HttpStatusCode> Refused { get; } = [];

        public Task UntilAnsweredAsync(int count, TimeSpan? timeout = null) =>
            WaitUntilAsync(() => Task.FromResult(Answered.Count >= count), $"{count} transfers answered", timeout);

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
        }

        public void Dispose() => _stop.Dispose();

        public static async Task<JsonContentAnswer> SendUntilAnsweredAsync(HttpClient client, string requestId)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/tokens/transfers", Body(requestId));
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt >= 100)
                    {
                        string? state = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString() : null;
                        return new JsonContentAnswer(response.StatusCode, state);
                    }
                }
                catch (HttpRequestException) when (attempt < 100)
                {
                }

                await Task.Delay(200);
            }
        }

        private static object Body(string requestId) => new { requestId, receiver = Receiver, currency = "INR", amount = 1m };

        private async Task RunAsync(Uri baseAddress)
        {
            using HttpClient client = Client(baseAddress);
            while (!_stop.IsCancellationRequested)
            {
                string requestId = "d-" + Interlocked.Increment(ref _next);
                Attempted[requestId] = true;
                try
                {
                    using HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/tokens/transfers", Body(requestId), _stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Answered.Add(requestId);
                    }
                    else
                    {
                        Refused.Add(response.StatusCode);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TaskCanceledException)
                {
                    // No answer: the transfer may or may not exist; it is sent again after the crash.
                    if (!_stop.IsCancellationRequested)
                    {
                        await Task.Delay(50, CancellationToken.None);
                    }
                }
            }
        }
    }
}
