using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class RiskEngineTests
{
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic MumbaiBranch = Bic.Parse("SRCBINBB123");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic NewYork = Bic.Parse("LBHBUS33XXX");

    private static readonly RiskLimits Limits = new(
        new Dictionary<Currency, decimal> { [Currency.Inr] = 10_000_000.00m, [Currency.Usd] = 250_000.00m },
        new Dictionary<PositionKey, decimal>
        {
            [PositionKey.Of(Mumbai, Currency.Inr)] = 5_000_000.00m,
            [PositionKey.Of(Dubai, Currency.Aed)] = 1_000_000.00m,
            [PositionKey.Of(NewYork, Currency.Usd)] = 0m,
        });

    private static ObligationCandidate Candidate(string id, Bic debtor, Bic creditor, decimal amount, Currency currency) =>
        new(id, debtor, creditor, new Money(amount, currency));

    private static readonly Dictionary<PositionKey, decimal> NoPositions = [];

    public static TheoryData<string, decimal, string, decimal, bool, string?> Rules => new()
    {
        // Per-transaction maximum (INR 10m): exactly at it is fine, one paisa over is AM02.
        { "INR", 10_000_000.00m, "SRCBINBB", 20_000_000m, true, null },
        { "INR", 10_000_000.01m, "SRCBINBB", 20_000_000m, false, ReasonCode.AM02 },

        // AED has no per-transaction maximum; the cap (AED 1m) still applies.
        { "AED", 1_000_000.00m, "EPRLAEAD", 0m, true, null },
        { "AED", 1_000_000.01m, "EPRLAEAD", 0m, false, ReasonCode.AM14 },

        // Net debit cap INR 5m from a position of -4m: 1m reaches the cap exactly, 1m and a paisa breaches it.
        { "INR", 1_000_000.00m, "SRCBINBB", -4_000_000m, true, null },
        { "INR", 1_000_000.01m, "SRCBINBB", -4_000_000m, false, ReasonCode.AM14 },

        // A net creditor can send what it has received plus its cap.
        { "INR", 7_000_000.00m, "SRCBINBB", 2_000_000m, true, null },

        // A zero cap (USD New York) allows only what was received.
        { "USD", 100.00m, "LBHBUS33", 100m, true, null },
        { "USD", 100.01m, "LBHBUS33", 100m, false, ReasonCode.AM14 },

        // The maximum is checked before the cap.
        { "USD", 250_000.01m, "LBHBUS33", 0m, false, ReasonCode.AM02 },

        // Guards: the validator already rejects these.
        { "INR", 0m, "SRCBINBB", 0m, false, ReasonCode.AM01 },
        { "INR", -5m, "SRCBINBB", 0m, false, ReasonCode.AM12 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Evaluate_AppliesEachRule(string currency, decimal amount, string debtor, decimal debtorPosition, bool accepted, string? reason)
    {
        Bic debtorBic = Bic.Parse(debtor + "XXX");
        Bic creditorBic = debtorBic.SameInstitution(Dubai) ? Mumbai : Dubai;
        Currency ccy = Currency.Parse(currency);
        var positions = new Dictionary<PositionKey, decimal> { [PositionKey.Of(debtorBic, ccy)] = debtorPosition };

        RiskEvaluation result = RiskEngine.Evaluate([Candidate("OB-1", debtorBic, creditorBic, amount, ccy)], positions, Limits);

        RiskDecision decision = Assert.Single(result.Decisions);
        Assert.Equal(("OB-1", accepted, reason), (decision.ObligationId, decision.Accepted, decision.ReasonCode));
        Assert.Equal(accepted, decision.Explanation is null);
        decimal expected = accepted ? debtorPosition - amount : debtorPosition;
        Assert.Equal(expected, result.Positions[PositionKey.Of(debtorBic, ccy)]);
    }

    [Fact]
    public void Evaluate_UsesTheDefaultCap_ForAParticipantWithoutOne()
    {
        var limits = new RiskLimits(new Dictionary<Currency, decimal>(), new Dictionary<PositionKey, decimal>(), defaultNetDebitCap: 500m);

        RiskEvaluation result = RiskEngine.Evaluate(
            [Candidate("OB-1", Dubai, Mumbai, 500m, Currency.Usd), Candidate("OB-2", Dubai, Mumbai, 0.01m, Currency.Usd)],
            NoPositions,
            limits);

        Assert.Equal([true, false], result.Decisions.Select(d => d.Accepted));
    }

    [Fact]
    public void Evaluate_DebitsTheDebtorAndCreditsTheCreditor_OnlyForAcceptedCandidates()
    {
        RiskEvaluation result = RiskEngine.Evaluate(
            [
                Candidate("OB-1", Mumbai, Dubai, 3_000_000m, Currency.Inr),
                Candidate("OB-2", Mumbai, NewYork, 10_000_001m, Currency.Inr), // over the maximum
                Candidate("OB-3", Dubai, Mumbai, 1_000m, Currency.Aed),
            ],
            NoPositions,
            Limits);

        Assert.Equal([true, false, true], result.Decisions.Select(d => d.Accepted));
        Assert.Equal(
            new Dictionary<PositionKey, decimal>
            {
                [PositionKey.Of(Mumbai, Currency.Inr)] = -3_000_000m,
                [PositionKey.Of(Dubai, Currency.Inr)] = 3_000_000m,
                [PositionKey.Of(Dubai, Currency.Aed)] = -1_000m,
                [PositionKey.Of(Mumbai, Currency.Aed)] = 1_000m,
            },
            result.Changes);
        Assert.DoesNotContain(PositionKey.Of(NewYork, Currency.Inr), result.Positions.Keys);
    }

    [Fact]
    public void Evaluate_KeepsPositionsItDidNotTouch_AndLeavesTheInputAlone()
    {
        var positions = new Dictionary<PositionKey, decimal> { [PositionKey.Of(NewYork, Currency.Usd)] = 42m };

        RiskEvaluation result = RiskEngine.Evaluate([Candidate("OB-1", Mumbai, Dubai, 1m, Currency.Inr)], positions, Limits);

        Assert.Equal(42m, result.Positions[PositionKey.Of(NewYork, Currency.Usd)]);
        Assert.Single(positions);
        Assert.DoesNotContain(PositionKey.Of(NewYork, Currency.Usd), result.Changes.Keys);
    }

    [Fact]
    public void Evaluate_LetsEarlierCandidatesConsumeTheCapFirst()
    {
        // Mumbai's INR cap is 5m. In this order the 4m goes first and the 2m breaches; reversed, the 2m goes first
        // and the 4m breaches. Order is the caller's: the pipeline passes candidates in message order.
        ObligationCandidate big = Candidate("OB-BIG", Mumbai, Dubai, 4_000_000m, Currency.Inr);
        ObligationCandidate small = Candidate("OB-SMALL", Mumbai, Dubai, 2_000_000m, Currency.Inr);

        RiskEvaluation bigFirst = RiskEngine.Evaluate([big, small], NoPositions, Limits);
        RiskEvaluation smallFirst = RiskEngine.Evaluate([small, big], NoPositions, Limits);

        Assert.Equal([("OB-BIG", true), ("OB-SMALL", false)], bigFirst.Decisions.Select(d => (d.ObligationId, d.Accepted)));
        Assert.Equal([("OB-SMALL", true), ("OB-BIG", false)], smallFirst.Decisions.Select(d => (d.ObligationId, d.Accepted)));
        Assert.Equal(ReasonCode.AM14, bigFirst.Decisions[1].ReasonCode);
        Assert.Equal(-4_000_000m, bigFirst.Positions[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(-2_000_000m, smallFirst.Positions[PositionKey.Of(Mumbai, Currency.Inr)]);
    }

    [Fact]
    public void Evaluate_LetsIncomingPaymentsFreeTheCap_ForLaterCandidates()
    {
        RiskEvaluation result = RiskEngine.Evaluate(
            [
                Candidate("OB-1", Mumbai, Dubai, 5_000_000m, Currency.Inr),
                Candidate("OB-2", Mumbai, Dubai, 1_000_000m, Currency.Inr), // breaches
                Candidate("OB-3", Dubai, Mumbai, 1_000_000m, Currency.Inr), // Dubai has no INR cap: default 0, and it received 5m
                Candidate("OB-4", Mumbai, Dubai, 1_000_000m, Currency.Inr), // fits again
            ],
            NoPositions,
            Limits);

        Assert.Equal([true, false, true, true], result.Decisions.Select(d => d.Accepted));
    }

    [Fact]
    public void Evaluate_AcceptsATransferBetweenBranchesOfOneParticipant_WithoutMovingItsPosition()
    {
        var positions = new Dictionary<PositionKey, decimal> { [PositionKey.Of(Mumbai, Currency.Inr)] = -5_000_000m };

        RiskEvaluation result = RiskEngine.Evaluate([Candidate("OB-1", Mumbai, MumbaiBranch, 1_000m, Currency.Inr)], positions, Limits);

        Assert.True(result.Decisions[0].Accepted);
        Assert.Equal(-5_000_000m, result.Positions[PositionKey.Of(Mumbai, Currency.Inr)]);
    }

    [Fact]
    public void Evaluate_ExplainsARejection_InInvariantText()
    {
        RiskEvaluation result = RiskEngine.Evaluate([Candidate("OB-1", Mumbai, Dubai, 6_000_000.50m, Currency.Inr)], NoPositions, Limits);

        Assert.Equal("SRCBINBB/INR would move from 0 to -6000000.50, beyond its net debit cap of 5000000.00.", result.Decisions[0].Explanation);
    }

    [Fact]
    public void Evaluate_NeverBreachesACap_AndConservesMoney_ForAnyCandidates()
    {
        Bic[] banks = [Mumbai, Dubai, NewYork, Bic.Parse("KVRIINBBXXX")];
        Currency[] currencies = [Currency.Inr, Currency.Aed, Currency.Usd];
        var limits = new RiskLimits(
            new Dictionary<Currency, decimal> { [Currency.Inr] = 5_000m, [Currency.Usd] = 800m },
            banks.SelectMany((b, i) => currencies.Select((c, j) => (Key: PositionKey.Of(b, c), Cap: 1_000m * ((i + j) % 3)))).ToDictionary(p => p.Key, p => p.Cap));

        Gen<ObligationCandidate[]> candidates = Gen.Select(Gen.Int[0, banks.Length - 1], Gen.Int[1, banks.Length - 1], Gen.Int[0, currencies.Length - 1], Gen.Long[1, 900_000])
            .Select((d, offset, c, minor) => Candidate("OB", banks[d], banks[(d + offset) % banks.Length], minor / 100m, currencies[c]))
            .Array[0, 60];
        Gen.Select(candidates, candidates).Sample((batch, earlier) =>
        {
            Dictionary<PositionKey, decimal> positions = Opening(earlier, limits);

            RiskEvaluation result = RiskEngine.Evaluate(batch, positions, limits);

            foreach (Currency currency in currencies)
            {
                Assert.Equal(0m, result.Changes.Where(c => c.Key.Currency == currency).Sum(c => c.Value));
                Assert.Equal(0m, result.Positions.Where(p => p.Key.Currency == currency).Sum(p => p.Value));
            }

            Assert.All(result.Positions, p => Assert.True(p.Value >= -limits.NetDebitCapFor(p.Key), $"{p.Key} at {p.Value}"));
            Assert.Equal(batch.Length, result.Decisions.Count);
            for (int i = 0; i < batch.Length; i++)
            {
                RiskDecision decision = result.Decisions[i];
                Assert.Equal(decision.Accepted, decision.ReasonCode is null);
                if (!decision.Accepted)
                {
                    Assert.Contains(decision.ReasonCode, new[] { ReasonCode.AM02, ReasonCode.AM14 });
                }

                if (decision.ReasonCode == ReasonCode.AM02)
                {
                    Assert.True(batch[i].Amount.Amount > limits.MaxFor(batch[i].Amount.Currency));
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void RiskLimits_RefusesANegativeCapOrANonPositiveMaximum()
    {
        Assert.Throws<ArgumentException>(() => new RiskLimits(new Dictionary<Currency, decimal> { [Currency.Inr] = 0m }, new Dictionary<PositionKey, decimal>()));
        Assert.Throws<ArgumentException>(() => new RiskLimits(new Dictionary<Currency, decimal>(), new Dictionary<PositionKey, decimal> { [PositionKey.Of(Mumbai, Currency.Inr)] = -1m }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskLimits(new Dictionary<Currency, decimal>(), new Dictionary<PositionKey, decimal>(), -0.01m));
    }

    [Fact]
    public void PositionKey_IsTheBic8()
    {
        Assert.Equal(PositionKey.Of(Mumbai, Currency.Inr), PositionKey.Of(MumbaiBranch, Currency.Inr));
        Assert.Equal("SRCBINBB/INR", PositionKey.Of(MumbaiBranch, Currency.Inr).ToString());
        Assert.Throws<ArgumentException>(() => new PositionKey("SRCBINBBXXX", Currency.Inr));
    }

    /// <summary>Opening positions as an earlier batch would leave them: built from moves that conserve and stay within caps.</summary>
    private static Dictionary<PositionKey, decimal> Opening(ObligationCandidate[] moves, RiskLimits limits)
    {
        var positions = new Dictionary<PositionKey, decimal>();
        foreach (ObligationCandidate move in moves)
        {
            decimal room = positions.GetValueOrDefault(move.DebtorKey) + limits.NetDebitCapFor(move.DebtorKey);
            decimal amount = Math.Min(move.Amount.Amount, room);
            if (amount > 0)
            {
                positions[move.DebtorKey] = positions.GetValueOrDefault(move.DebtorKey) - amount;
                positions[move.CreditorKey] = positions.GetValueOrDefault(move.CreditorKey) + amount;
            }
        }

        return positions;
    }
}
