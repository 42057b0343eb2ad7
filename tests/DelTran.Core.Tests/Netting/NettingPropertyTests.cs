using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Netting;

namespace DelTran.Core.Tests.Netting;

public sealed class NettingPropertyTests
{
    [Fact]
    public void Complete_ConservesMoney_ForAnyObligations()
    {
        NettingGen.Obligations.Sample(obligations =>
        {
            NettingResult result = NettingGen.Net(obligations);

            foreach (Currency currency in NettingGen.Currencies)
            {
                decimal sum = obligations.Where(o => o.Amount.Currency == currency).Sum(o => o.Amount.Amount);
                List<NetPosition> positions = result.Positions.Where(p => p.Currency == currency).ToList();
                Assert.Equal(0m, positions.Sum(p => p.Net));
                Assert.Equal(sum, positions.Sum(p => p.Debit));
                Assert.Equal(sum, positions.Sum(p => p.Credit));
            }

            Assert.Empty(Conservation.Check(result, NettingGen.Expected(obligations)));
        }, iter: 300);
    }

    [Fact]
    public void Complete_GivesTheSameResult_WhateverTheOrderOfAdds()
    {
        Gen.Select(NettingGen.Obligations, Gen.Int).Sample((obligations, seed) =>
        {
            var shuffled = ((string, string, Money)[])obligations.Clone();
            new Random(seed).Shuffle(shuffled);

            NettingResult original = NettingGen.Net(obligations);
            NettingResult reordered = NettingGen.Net(shuffled);

            Assert.Equal(original.Positions, reordered.Positions);
            Assert.Equal(original.Bilateral, reordered.Bilateral);
            Assert.Equal(original.Totals, reordered.Totals);
        }, iter: 300);
    }

    [Fact]
    public void Efficiency_LiesBetweenZeroAndOne_ForAnyObligations()
    {
        NettingGen.Obligations.Sample(obligations =>
        {
            foreach (CurrencyNettingTotals totals in NettingGen.Net(obligations).Totals)
            {
                Assert.InRange(totals.Efficiency, 0m, 1m);
            }
        }, iter: 300);
    }

    [Fact]
    public void Bilateral_SumsToTheMultilateralNet_ForEveryParticipant()
    {
        NettingGen.Obligations.Sample(obligations =>
        {
            NettingResult result = NettingGen.Net(obligations);

            Assert.All(result.Bilateral, b => Assert.True(string.CompareOrdinal(b.ParticipantA, b.ParticipantB) < 0, $"{b.ParticipantA} before {b.ParticipantB}"));
            foreach (NetPosition position in result.Positions)
            {
                decimal bilateral = result.Bilateral
                    .Where(b => b.Currency == position.Currency)
                    .Sum(b => b.ParticipantA == position.Participant ? b.Net : b.ParticipantB == position.Participant ? -b.Net : 0m);
                Assert.Equal(position.Net, bilateral);
            }
        }, iter: 300);
    }

    [Fact]
    public void Check_ReportsATamperedWindowTotal_ForAnyObligations()
    {
        Gen.Select(NettingGen.Obligation.Array[1, 60], Gen.Long[1, 1_000_000], Gen.Bool).Sample((obligations, minor, up) =>
        {
            NettingResult result = NettingGen.Net(obligations);
            Dictionary<Currency, (long Count, decimal Sum)> expected = NettingGen.Expected(obligations);
            Currency currency = obligations[0].Amount.Currency;
            decimal delta = (up ? 1 : -1) * minor / 100m;

            Dictionary<Currency, (long Count, decimal Sum)> tamperedSum = new(expected) { [currency] = (expected[currency].Count, expected[currency].Sum + delta) };
            Dictionary<Currency, (long Count, decimal Sum)> tamperedCount = new(expected) { [currency] = (expected[currency].Count + 1, expected[currency].Sum) };

            ConservationViolation sumViolation = Assert.Single(Conservation.Check(result, tamperedSum));
            Assert.Equal((currency, Conservation.SumMatchesWindow), (sumViolation.Currency, sumViolation.Rule));
            ConservationViolation countViolation = Assert.Single(Conservation.Check(result, tamperedCount));
            Assert.Equal((currency, Conservation.CountMatchesWindow), (countViolation.Currency, countViolation.Rule));
        }, iter: 200);
    }
}
