using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// The model test's kill variant: seeded random mints, transfers, two-phase posts and voids sent to a `deltran serve`
/// process over HTTP, on PostgreSQL and RabbitMQ against the mock bank; on some steps the process is killed (SIGKILL)
/// while the request is in flight, restarted, and the same request sent again with its id. The answer then decides the
/// model (a naive one, written here), which the stored balances and the ledger's sums must equal after every step.
/// A failing seed is printed, and the run is reproduced by it.
/// </summary>
public sealed class TokenModelKillTests
{
    private static readonly string[] Banks = ["EPRLAEAD", "FLCNAEAA", "KVRIINBB", "SRCBINBB"];

    [Theory]
    [InlineData(20261208, 160)]
    [InlineData(31337, 160)]
    public async Task RandomOperations_WithTheProcessKilledMidRequest_AgreeWithTheModel_AfterEveryStep(int seed, int steps)
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using MockBankServer bank = await MockBankServer.StartAsync();
        Dictionary<string, string> environment = Environment(database, "tokmk" + Guid.NewGuid().ToString("N")[..10], bank.BaseAddress.ToString());
        environment["DelTran__Tokens__SweepInterval"] = "00:00:01";
        environment["DelTran__Tokens__FundingRetryAfter"] = "00:00:02";
        await using var processes = new ServeProcesses(environment);
        await using NpgsqlDataSource data = database.CreateDataSource();
        var run = new Run(processes, data, new Random(seed));
        await run.StartAsync();
        for (int step = 0; step < steps; step++)
        {
            try
            {
                await run.StepAsync();
                await run.VerifyAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Seed {seed}, step {step} ({run.Last}): {ex.Message}", ex);
            }
        }

        Assert.True(run.Kills > 0, "the seed killed the process at no step");
        await Support.Invariants.AssertHoldAsync(database.ConnectionString, ForCheck(await BookingsAsync(bank.Http)));
    }

    private sealed class Run(ServeProcesses processes, NpgsqlDataSource data, Random random)
    {
        private readonly Dictionary<string, (decimal Held, decimal Locked)> _model = Banks.ToDictionary(b => b, _ => (0m, 0m));
        private readonly List<(string Sender, string RequestId, string Receiver, decimal Amount)> _pending = [];
        private ServeProcess? _serve;
        private int _ids;
        private int _restarts;

        public string Last { get; private set; } = "start";

        public int Kills { get; private set; }

        public async Task StartAsync() => _serve = await processes.StartAsync("deltran-" + _restarts++);

        public async Task StepAsync()
        {
            string a = Banks[random.Next(Banks.Length)], b = Banks[random.Next(Banks.Length)];
            decimal amount = random.Next(1, 40000) / 100m;
            bool kill = random.Next(16) == 0;
            switch (random.Next(8))
            {
                case 0: await MintAsync(a, amount * 10, kill); break;
                case 1: await TransferAsync(a, b, amount, twoPhase: true, kill); break;
                case 2: await FinishAsync(post: random.Next(2) == 0, kill); break;
                default: await TransferAsync(a, b, amount, twoPhase: false, kill); break;
            }
        }

        private string NextId() => "k" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private decimal Available(string bank) => _model[bank].Held - _model[bank].Locked;

        private async Task MintAsync(string participant, decimal amount, bool kill)
        {
            Last = $"mint {participant} {amount}{(kill ? " killed" : string.Empty)}";
            string id = NextId();
            (HttpStatusCode status, JsonElement body) = await SendAsync(participant, "/api/v1/tokens/mints", new { requestId = id, currency = "INR", amount }, kill);
            Assert.Equal(HttpStatusCode.OK, status);
            // A mint killed before its bank answered is pending until the restarted sweeper asks the bank again.
            if (body.GetProperty("status").GetString() == "PENDING")
            {
                await WaitUntilAsync(async () => await StatusAsync(participant, id) != "PENDING", $"mint {id} settled by the sweeper", TimeSpan.FromMinutes(2));
            }

            Assert.Equal("POSTED", await StatusAsync(participant, id));
            _model[participant] = (_model[participant].Held + amount, _model[participant].Locked);
        }

        private async Task TransferAsync(string sender, string receiver, decimal amount, bool twoPhase, bool kill)
        {
            Last = $"transfer {sender}->{receiver} {amount}{(twoPhase ? " two-phase" : string.Empty)}{(kill ? " killed" : string.Empty)}";
            string id = NextId();
            bool expected = sender != receiver && Available(sender) >= amount;
            object body = twoPhase
                ? new { requestId = id, receiver, currency = "INR", amount, pendingSeconds = 3600 }
                : new { requestId = id, receiver, currency = "INR", amount };
            (HttpStatusCode status, _) = await SendAsync(sender, "/api/v1/tokens/transfers", body, kill);
            Assert.Equal(expected, status == HttpStatusCode.OK);
            if (!expected)
            {
                return;
            }

            if (twoPhase)
            {
                _model[sender] = (_model[sender].Held, _model[sender].Locked + amount);
                _pending.Add((sender, id, receiver, amount));
            }
            else
            {
                Move(sender, receiver, amount);
            }
        }

        private async Task FinishAsync(bool post, bool kill)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var (sender, id, receiver, amount) = _pending[random.Next(_pending.Count)];
            Last = $"{(post ? "post" : "void")} {sender}/{id}{(kill ? " killed" : string.Empty)}";
            (HttpStatusCode status, _) = await SendAsync(sender, $"/api/v1/tokens/transfers/{id}/{(post ? "post" : "void")}", new { }, kill);
            // Sent again after a kill, a post or void the dead process committed is answered 409 (already finished).
            Assert.True(status == HttpStatusCode.OK || (kill && status == HttpStatusCode.Conflict), $"{status}");
            Assert.Equal(post ? "POSTED" : "VOIDED", await StatusAsync(sender, id));
            _pending.RemoveAll(p => p.RequestId == id);
            _model[sender] = (_model[sender].Held, _model[sender].Locked - amount);
            if (post)
            {
                Move(sender, receiver, amount);
            }
        }

        // Sends the request; with kill, kills the process while it is in flight (after 0 to 30 ms), restarts it, and sends
        // the same request again: its answer is the one the step is judged by.
        private async Task<(HttpStatusCode, JsonElement)> SendAsync(string participant, string path, object body, bool kill)
        {
            using HttpClient client = Client(participant);
            if (kill)
            {
                Task<HttpResponseMessage> inFlight = client.PostAsJsonAsync(path, body);
                await Task.Delay(random.Next(31));
                await _serve!.KillAsync();
                Kills++;
                try
                {
                    (await inFlight).Dispose();
                }
                catch (HttpRequestException)
                {
                }

                await StartAsync();
            }

            using HttpClient again = Client(participant);
            using HttpResponseMessage response = await again.PostAsJsonAsync(path, body);
            string text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }

        private async Task<string?> StatusAsync(string participant, string id)
        {
            using HttpClient client = Client(participant);
            return (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tokens/operations/{id}")).GetProperty("status").GetString();
        }

        private HttpClient Client(string participant)
        {
            var client = new HttpClient { BaseAddress = _serve!.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiServer.DemoKey(participant));
            return client;
        }

        private void Move(string sender, string receiver, decimal amount)
        {
            _model[sender] = (_model[sender].Held - amount, _model[sender].Locked);
            _model[receiver] = (_model[receiver].Held + amount, _model[receiver].Locked);
        }

        // The stored balances equal the model's, each account's postings sum to its balance, and the reserve backs every token.
        public async Task VerifyAsync()
        {
            var stored = new Dictionary<string, (decimal Posted, decimal Locked)>(StringComparer.Ordinal);
            await using (NpgsqlCommand accounts = data.CreateCommand("SELECT account, posted, locked FROM token_accounts WHERE currency = 'INR'"))
            await using (NpgsqlDataReader reader = await accounts.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored[reader.GetString(0)] = (reader.GetDecimal(1), reader.GetDecimal(2));
                }
            }

            foreach (string participant in Banks)
            {
                Assert.Equal(_model[participant], stored.GetValueOrDefault("TOKEN:" + participant));
            }

            decimal outstanding = Banks.Sum(b => _model[b].Held);
            Assert.Equal(-outstanding, stored.GetValueOrDefault("TOKEN-RESERVE").Posted);
            await using NpgsqlCommand sums = data.CreateCommand(
                "SELECT e.account, sum(e.amount) FROM ledger_entries e WHERE e.account LIKE 'TOKEN%' AND e.currency = 'INR' GROUP BY e.account");
            await using NpgsqlDataReader rows = await sums.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                Assert.Equal(stored[rows.GetString(0)].Posted, rows.GetDecimal(1));
            }
        }
    }
}
