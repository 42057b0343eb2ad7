using DelTran.Core.Amounts;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using DelTran.Host.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Tokens;

/// <summary>
/// Seeded random sequences of mints, burns, transfers, two-phase posts and voids, linked batches, repeated requests and bank
/// refusals and outages, run through the token engine against the real database and the mock bank, and checked after
/// every step against a naive model written here (balances as plain numbers) and against the ledger's conservation.
/// A failing seed is printed, and the run is reproduced by it.
/// </summary>
public sealed class TokenLedgerModelTests
{
    private static readonly string[] Banks = ["EPRLAEAD", "FLCNAEAA", "KVRIINBB", "SRCBINBB"];
    private static readonly Currency Inr = Currency.Inr;

    [Theory]
    [InlineData(PipelineMode.Production, 20261208, 400)]
    [InlineData(PipelineMode.Production, 424242, 400)]
    [InlineData(PipelineMode.Embedded, 7, 400)]
    public async Task RandomOperations_AgreeWithTheModelAndConserve_AfterEveryStep(PipelineMode mode, int seed, int steps)
    {
        await using MockBankServer bank = await MockBankServer.StartAsync();
        await using ApiServer server = await ApiServer.StartAsync(mode, extraSettings: new Dictionary<string, string?>
        {
            ["DelTran:Banks:BaseUrl"] = bank.BaseAddress.ToString(),
            ["DelTran:Banks:MaxRetries"] = "0",
        });
        var run = new Run(server, bank, new Random(seed));
        for (int step = 0; step < steps; step++)
        {
            try
            {
                await run.StepAsync();
                await run.VerifyAsync(withBank: step % 50 == 49);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Seed {seed}, step {step} ({run.Last}): {ex.Message}", ex);
            }
        }
    }

    private sealed class Run(ApiServer server, MockBankServer bank, Random random)
    {
        private readonly TokenService _tokens = server.Services.GetRequiredService<TokenService>();
        private readonly Dictionary<string, (decimal Held, decimal Locked)> _model = Banks.ToDictionary(b => b, _ => (0m, 0m));
        private readonly List<(string Sender, string RequestId, string Receiver, decimal Amount)> _pending = [];
        private readonly List<TokenTransferRequest> _done = [];
        private decimal _reserve;
        private int _ids;

        public string Last { get; private set; } = "start";

        public async Task StepAsync()
        {
            string a = Banks[random.Next(Banks.Length)], b = Banks[random.Next(Banks.Length)];
            decimal amount = random.Next(1, 40000) / 100m;
            switch (random.Next(10))
            {
                case 0 or 1: await TransferAsync(a, b, amount, twoPhase: false); break;
                case 2: await TransferAsync(a, b, amount, twoPhase: true); break;
                case 3: await FinishAsync(post: random.Next(2) == 0); break;
                case 4: await MintAsync(a, amount * 10, refused: random.Next(5) == 0); break;
                case 5: await BurnAsync(a, amount, outage: random.Next(4) == 0); break;
                case 6: await BatchAsync(a, b, amount); break;
                case 7: await RepeatAsync(); break;
                default: await TransferAsync(a, b, amount, twoPhase: false); break;
            }
        }

        private string NextId() => "m" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private decimal Available(string bank) => _model[bank].Held - _model[bank].Locked;

        private async Task TransferAsync(string sender, string receiver, decimal amount, bool twoPhase)
        {
            var request = new TokenTransferRequest(sender, NextId(), receiver, Inr, amount, twoPhase ? TimeSpan.FromHours(1) : null);
            Last = $"transfer {sender}->{receiver} {amount}{(twoPhase ? " two-phase" : string.Empty)}";
            bool expected = sender != receiver && Available(sender) >= amount;
            TokenDecision decision = await _tokens.TransferAsync(request, CancellationToken.None);
            Assert.Equal(expected, decision.Accepted);
            if (!expected)
            {
                return;
            }

            _done.Add(request);
            if (twoPhase)
            {
                _model[sender] = (_model[sender].Held, _model[sender].Locked + amount);
                _pending.Add((sender, request.RequestId, receiver, amount));
            }
            else
            {
                Move(sender, receiver, amount);
            }
        }

        private async Task FinishAsync(bool post)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var (sender, requestId, receiver, amount) = _pending[random.Next(_pending.Count)];
            Last = $"{(post ? "post" : "void")} {sender}/{requestId}";
            TokenDecision decision = post ? await _tokens.PostAsync(sender, requestId, CancellationToken.None) : await _tokens.VoidAsync(sender, requestId, CancellationToken.None);
            Assert.True(decision.Accepted, decision.Refusal?.Reason);
            _pending.RemoveAll(p => p.RequestId == requestId);
            _model[sender] = (_model[sender].Held, _model[sender].Locked - amount);
            if (post)
            {
                Move(sender, receiver, amount);
            }

            // Finished, it refuses a second post or void, and changes nothing.
            Assert.False((await _tokens.PostAsync(sender, requestId, CancellationToken.None)).Accepted);
        }

        private async Task MintAsync(string participant, decimal amount, bool refused)
        {
            Last = $"mint {participant} {amount}{(refused ? " refused" : string.Empty)}";
            if (refused)
            {
                await bank.AddFaultAsync("refuse", participant: participant, direction: "DEBIT", times: 1);
            }

            TokenDecision decision = await _tokens.MintAsync(new TokenFundingRequest(participant, NextId(), Inr, amount), CancellationToken.None);
            Assert.Equal(refused ? TokenOperationStatus.Voided : TokenOperationStatus.Posted, decision.Operation!.Status);
            if (!refused)
            {
                _model[participant] = (_model[participant].Held + amount, _model[participant].Locked);
                _reserve += amount;
            }
        }

        private async Task BurnAsync(string participant, decimal amount, bool outage)
        {
            Last = $"burn {participant} {amount}{(outage ? " bank down first" : string.Empty)}";
            bool expected = Available(participant) >= amount;
            if (outage)
            {
                await bank.AddFaultAsync("fail", participant: participant, direction: "CREDIT", times: 1);
            }

            TokenDecision decision = await _tokens.BurnAsync(new TokenFundingRequest(participant, NextId(), Inr, amount), CancellationToken.None);
            Assert.Equal(expected, decision.Accepted);
            if (!expected)
            {
                if (outage)
                {
                    await bank.ClearFaultsAsync();
                }

                return;
            }

            TokenOperation burn = decision.Operation!;
            if (outage)
            {
                // The bank was down: the tokens stay locked until it answers, then the retry pays out once.
                Assert.Equal(TokenOperationStatus.Pending, burn.Status);
                _model[participant] = (_model[participant].Held, _model[participant].Locked + amount);
                await VerifyAsync(withBank: false);
                burn = (await _tokens.FundAsync(burn, CancellationToken.None)).Operation!;
                _model[participant] = (_model[participant].Held, _model[participant].Locked - amount);
            }

            Assert.Equal(TokenOperationStatus.Posted, burn.Status);
            _model[participant] = (_model[participant].Held - amount, _model[participant].Locked);
            _reserve -= amount;
        }

        private async Task BatchAsync(string a, string b, decimal amount)
        {
            TokenTransferRequest[] requests = [.. Enumerable.Range(0, random.Next(1, 4)).Select(i => i % 2 == 0
                ? new TokenTransferRequest(a, NextId(), b, Inr, amount)
                : new TokenTransferRequest(b, NextId(), a, Inr, decimal.Round(amount / 2, 2)))];
            Last = $"batch of {requests.Length} {a}<->{b} {amount}";
            var running = _model.ToDictionary(m => m.Key, m => m.Value);
            bool expected = true;
            foreach (TokenTransferRequest r in requests)
            {
                if (r.Sender == r.Receiver || running[r.Sender].Held - running[r.Sender].Locked < r.Amount)
                {
                    expected = false;
                    break;
                }

                running[r.Sender] = (running[r.Sender].Held - r.Amount, running[r.Sender].Locked);
                running[r.Receiver] = (running[r.Receiver].Held + r.Amount, running[r.Receiver].Locked);
            }

            TokenDecision decision = await _tokens.BatchAsync(requests, linked: true, CancellationToken.None);
            Assert.Equal(expected, decision.Accepted);
            if (expected)
            {
                foreach (var (key, value) in running)
                {
                    _model[key] = value;
                }
            }
        }

        private async Task RepeatAsync()
        {
            if (_done.Count == 0)
            {
                return;
            }

            TokenTransferRequest earlier = _done[random.Next(_done.Count)];
            Last = $"repeat {earlier.Sender}/{earlier.RequestId}";
            Assert.True((await _tokens.TransferAsync(earlier, CancellationToken.None)).Change!.Replayed);
            Assert.Equal(Core.Iso20022.ReasonCode.DUPL, (await _tokens.TransferAsync(earlier with { Amount = earlier.Amount + 0.01m }, CancellationToken.None)).Refusal?.ReasonCode);
        }

        private void Move(string sender, string receiver, decimal amount)
        {
            _model[sender] = (_model[sender].Held - amount, _model[sender].Locked);
            _model[receiver] = (_model[receiver].Held + amount, _model[receiver].Locked);
        }

        public async Task VerifyAsync(bool withBank)
        {
            await using DelTranDbContext db = server.Db();
            Dictionary<string, (decimal, decimal)> stored = (await db.TokenAccounts.AsNoTracking().ToListAsync())
                .Where(a => a.ParticipantBic is not null && a.Currency == Inr).ToDictionary(a => a.ParticipantBic!, a => (a.Posted, a.Locked));
            foreach (string participant in Banks)
            {
                Assert.Equal(_model[participant], stored.GetValueOrDefault(participant));
            }

            // Before the first operation there is no book; afterwards one, in INR.
            foreach (TokenBook book in await TokenBooks.LoadAsync(db, CancellationToken.None))
            {
                Assert.Equal(Inr, book.Currency);
                Assert.Empty(TokenConservation.Check(book with { BankReserveBalance = _reserve }));
            }
            if (withBank)
            {
                await Support.Invariants.AssertHoldAsync(server, bank);
            }
        }
    }
}
