using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Tokens;

namespace DelTran.Core.Tests.Tokens;

/// <summary>
/// Random sequences of mints, burns, transfers, two-phase posts and voids, expiries, linked batches, reused ids and bank
/// answers (confirmed, refused, timed out, confirmed late), decided by <see cref="TokenRules"/> and checked after every step
/// against a naive model written here (balances as plain numbers) and against <see cref="TokenConservation"/>.
/// </summary>
public sealed class TokenLedgerPropertyTests
{
    private static readonly string[] Banks = ["AAAAINBB", "BBBBAEAD", "CCCCUS33", "DDDDINBB"];
    private const string SuspendedBank = "DDDDINBB";
    private static readonly Currency Inr = Currency.Inr;
    private static readonly TokenParties Parties = new(Banks.ToHashSet(), new HashSet<string> { SuspendedBank }, new HashSet<Currency> { Inr });

    private static readonly Gen<int[]> Step = Gen.Select(Gen.Int[0, 8], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[1, 600], Gen.Int[0, 3])
        .Select(s => new[] { s.Item1, s.Item2, s.Item3, s.Item4, s.Item5 });

    [Fact]
    public void EveryStep_AgreesWithTheModelAndConserves_WhenOperationsAreRandom()
    {
        Step.Array[1, 120].Sample(steps => new Ledger().Run(steps), iter: 400);
    }

    private sealed class Ledger
    {
        private readonly Dictionary<TokenAccountId, TokenBalance> _balances = [];
        private readonly Dictionary<TokenAccountId, decimal> _ledger = [];
        private readonly Dictionary<string, TokenOperation> _operations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (decimal Held, decimal Locked)> _model = Banks.ToDictionary(b => b, _ => (0m, 0m));
        private readonly List<(string Id, string Sender, string Receiver, decimal Amount)> _pending = [];
        private readonly List<(string Id, string Owner, decimal Amount)> _burns = [];
        private decimal _reserve;
        private decimal _suspense;
        private DateTimeOffset _now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        private int _ids;

        public void Run(int[][] steps)
        {
            foreach (int[] s in steps)
            {
                _now = _now.AddSeconds(1);
                string a = Banks[s[1]], b = Banks[s[2]];
                decimal amount = s[3];
                switch (s[0])
                {
                    case 0: Transfer(a, b, amount, twoPhase: false); break;
                    case 1: Transfer(a, b, amount, twoPhase: true); break;
                    case 2: Finish(s[4], post: true); break;
                    case 3: Finish(s[4], post: false); break;
                    case 4: Mint(a, amount * 10, s[4]); break;
                    case 5: Burn(a, amount, s[4]); break;
                    case 6: ExpireAll(); break;
                    case 7: Reuse(s[4]); break;
                    default: Batch(a, b, amount, s[4]); break;
                }

                Verify();
            }
        }

        private static bool Allowed(string sender, string receiver) => sender != receiver && sender != SuspendedBank && receiver != SuspendedBank;

        private decimal Available(string bank) => _model[bank].Held - _model[bank].Locked;

        private void Transfer(string sender, string receiver, decimal amount, bool twoPhase)
        {
            var request = new TokenTransferRequest(sender, NextId(), receiver, Inr, amount, twoPhase ? TimeSpan.FromSeconds(30) : null);
            TokenDecision decision = TokenRules.Transfer(request, null, Parties, Balance(sender), _now);
            bool expected = Allowed(sender, receiver) && Available(sender) >= amount;
            Assert.Equal(expected, decision.Accepted);
            if (!expected)
            {
                return;
            }

            Save(decision);
            if (twoPhase)
            {
                _model[sender] = (_model[sender].Held, _model[sender].Locked + amount);
                _pending.Add((decision.Operation!.Id, sender, receiver, amount));
            }
            else
            {
                _model[sender] = (_model[sender].Held - amount, _model[sender].Locked);
                _model[receiver] = (_model[receiver].Held + amount, _model[receiver].Locked);
            }
        }

        private void Finish(int pick, bool post)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var (id, sender, receiver, amount) = _pending[pick % _pending.Count];
            TokenOperation stored = _operations[id];
            TokenDecision decision = post ? TokenRules.Post(stored, sender, Parties, _now) : TokenRules.Void(stored, sender, _now);
            bool expired = stored.ExpiresAt <= _now;
            Assert.Equal(!expired, decision.Accepted);
            if (expired)
            {
                return;
            }

            Save(decision);
            _pending.RemoveAll(p => p.Id == id);
            _model[sender] = (_model[sender].Held - (post ? amount : 0m), _model[sender].Locked - amount);
            _model[receiver] = (_model[receiver].Held + (post ? amount : 0m), _model[receiver].Locked);

            // Finished, it refuses a second post or void.
            Assert.False(TokenRules.Post(_operations[id], sender, Parties, _now).Accepted);
        }

        private void ExpireAll()
        {
            _now = _now.AddMinutes(1);
            foreach (var (id, sender, _, amount) in _pending)
            {
                TokenDecision decision = TokenRules.Expire(_operations[id], _now)!;
                Save(decision);
                _model[sender] = (_model[sender].Held, _model[sender].Locked - amount);
            }

            _pending.Clear();
        }

        // Bank answers: 0 confirmed, 1 refused, 2 timed out, 3 timed out and confirmed late (then refunded).
        private void Mint(string bank, decimal amount, int answer)
        {
            TokenDecision asked = TokenRules.RequestMint(new TokenFundingRequest(bank, NextId(), Inr, amount), null, Parties, _now);
            Assert.Equal(bank != SuspendedBank, asked.Accepted);
            if (!asked.Accepted)
            {
                return;
            }

            Save(asked);
            string id = asked.Operation!.Id;
            string confirmation = "MBC-" + id;
            Save(TokenRules.SettleMint(_operations[id], answer switch
            {
                0 => TokenBankAnswer.ConfirmedAs(confirmation),
                1 => TokenBankAnswer.Refused("REJECTED", "No."),
                _ => TokenBankAnswer.Unknown("TIMEOUT", "Late."),
            }, _now));
            if (answer == 0)
            {
                _model[bank] = (_model[bank].Held + amount, _model[bank].Locked);
                _reserve += amount;
            }

            if (answer == 3)
            {
                TokenDecision late = TokenRules.SettleMint(_operations[id], TokenBankAnswer.ConfirmedAs(confirmation), _now);
                Save(late);
                _reserve += amount;
                _suspense += amount;
                Verify();
                Save(TokenRules.SettleRefund(late.Change!.Operations[1], TokenBankAnswer.ConfirmedAs(confirmation + "-R"), _now));
                _reserve -= amount;
                _suspense -= amount;
            }
        }

        private void Burn(string bank, decimal amount, int answer)
        {
            TokenDecision asked = TokenRules.RequestBurn(new TokenFundingRequest(bank, NextId(), Inr, amount), null, Parties, Balance(bank), _now);
            bool expected = bank != SuspendedBank && Available(bank) >= amount;
            Assert.Equal(expected, asked.Accepted);
            if (!expected)
            {
                return;
            }

            Save(asked);
            string id = asked.Operation!.Id;
            _model[bank] = (_model[bank].Held, _model[bank].Locked + amount);
            if (answer >= 2)
            {
                // Unknown outcome: still locked; the retry with the same key tells (here: paid).
                Save(TokenRules.SettleBurn(_operations[id], TokenBankAnswer.Unknown("TIMEOUT", "Late."), _now));
                Verify();
            }

            Save(TokenRules.SettleBurn(_operations[id], answer == 1 ? TokenBankAnswer.Refused("REJECTED", "No.") : TokenBankAnswer.ConfirmedAs("MBC-" + id), _now));
            _model[bank] = (_model[bank].Held - (answer == 1 ? 0m : amount), _model[bank].Locked - amount);
            _reserve -= answer == 1 ? 0m : amount;
        }

        private void Reuse(int pick)
        {
            if (_operations.Count == 0)
            {
                return;
            }

            TokenOperation earlier = _operations.Values.ElementAt(pick % _operations.Count);
            if (earlier.Kind != TokenOperationKind.Transfer)
            {
                return;
            }

            string requestId = earlier.Id[(earlier.Participant.Length + 1)..];
            var same = new TokenTransferRequest(earlier.Participant, requestId, earlier.Counterparty!, Inr, earlier.Amount, earlier.ExpiresAt - earlier.CreatedAt);
            Assert.True(TokenRules.Transfer(same, earlier, Parties, Balance(earlier.Participant), _now).Change!.Replayed);
            Assert.False(TokenRules.Transfer(same with { Amount = earlier.Amount + 1m }, earlier, Parties, Balance(earlier.Participant), _now).Accepted);
        }

        private void Batch(string a, string b, decimal amount, int size)
        {
            TokenTransferRequest[] requests = [.. Enumerable.Range(0, size + 1).Select(i => i % 2 == 0
                ? new TokenTransferRequest(a, NextId(), b, Inr, amount)
                : new TokenTransferRequest(b, NextId(), a, Inr, amount / 2))];
            var running = _model.ToDictionary(m => m.Key, m => m.Value);
            bool expected = true;
            foreach (TokenTransferRequest r in requests)
            {
                if (!Allowed(r.Sender, r.Receiver) || running[r.Sender].Held - running[r.Sender].Locked < r.Amount)
                {
                    expected = false;
                    break;
                }

                running[r.Sender] = (running[r.Sender].Held - r.Amount, running[r.Sender].Locked);
                running[r.Receiver] = (running[r.Receiver].Held + r.Amount, running[r.Receiver].Locked);
            }

            TokenDecision decision = TokenRules.Batch(requests, _operations, Parties, _balances, _now);
            Assert.Equal(expected, decision.Accepted);
            if (expected)
            {
                Save(decision);
                foreach (var (bank, value) in running)
                {
                    _model[bank] = value;
                }
            }
        }

        private TokenBalance Balance(string bank) => _balances.GetValueOrDefault(TokenAccountId.Of(bank, Inr));

        private string NextId() => "r" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void Save(TokenDecision decision)
        {
            TokenChange change = decision.Change ?? throw new InvalidOperationException("Saved a refusal: " + decision.Refusal);
            Assert.Equal(0m, change.Postings.Sum(p => p.Amount));
            foreach (TokenOperation operation in change.Operations)
            {
                _operations[operation.Id] = operation;
            }

            foreach (TokenPosting posting in change.Postings)
            {
                _ledger[posting.Account] = _ledger.GetValueOrDefault(posting.Account) + posting.Amount;
            }

            foreach (var (account, balance) in change.ApplyTo(_balances))
            {
                _balances[account] = balance;
            }
        }

        private void Verify()
        {
            foreach (string bank in Banks)
            {
                TokenBalance balance = Balance(bank);
                Assert.Equal(_model[bank], (balance.Posted, balance.Locked));
            }

            var book = new TokenBook(Inr, _balances, _ledger, [.. _operations.Values]) { BankReserveBalance = _reserve };
            Assert.Empty(TokenConservation.Check(book));
            TokenSupply supply = TokenConservation.Supply(book);
            Assert.Equal((_reserve, _suspense), (supply.Reserve, supply.Suspense));
        }
    }
}
