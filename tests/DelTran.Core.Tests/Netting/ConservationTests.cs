using DelTran.Core.Amounts;
using DelTran.Core.Netting;

namespace DelTran.Core.Tests.Netting;

public sealed class ConservationTests
{
    private const string Mumbai = "HDFCINBB";
    private const string Dubai = "EBILAEAD";
    private const string NewYork = "CITIUS33";

    private static NettingResult Window()
    {
        var calculator = new NettingCalculator();
        calculator.Add(Mumbai, Dubai, new Money(100m, Currency.Inr));
        calculator.Add(Dubai, NewYork, new Money(60m, Currency.Inr));
        calculator.Add(NewYork, Mumbai, new Money(25m, Currency.Usd));
        return calculator.Complete();
    }

    private static Dictionary<Currency, (long Count, decimal Sum)> Database() => new()
    {
        [Currency.Inr] = (2, 160m),
        [Currency.Usd] = (1, 25m),
    };

    private static NettingResult ReplacePosition(NettingResult result, string participant, Currency currency, Func<NetPosition, NetPosition> change) =>
        result with { Positions = result.Positions.Select(p => p.Participant == participant && p.Currency == currency ? change(p) : p).ToList() };

    [Fact]
    public void Check_FindsNothing_WhenTheWindowIsConserved()
    {
        Assert.Empty(Conservation.Check(Window(), Database()));
    }

    [Fact]
    public void Check_ReportsASumMismatch_InAnOperatorSentence()
    {
        Dictionary<Currency, (long Count, decimal Sum)> database = Database();
        database[Currency.Inr] = (2, 160.01m);

        ConservationViolation violation = Assert.Single(Conservation.Check(Window(), database));

        Assert.Equal(new ConservationViolation(
            Currency.Inr,
            Conservation.SumMatchesWindow,
            "INR: the window's obligations sum to 160.01 in the database but 160.00 were netted."), violation);
    }

    [Fact]
    public void Check_ReportsACountMismatch_InAnOperatorSentence()
    {
        Dictionary<Currency, (long Count, decimal Sum)> database = Database();
        database[Currency.Usd] = (2, 25m);

        ConservationViolation violation = Assert.Single(Conservation.Check(Window(), database));

        Assert.Equal("USD: the window holds 2 obligations in the database but 1 were netted.", violation.Message);
        Assert.Equal(Conservation.CountMatchesWindow, violation.Rule);
    }

    [Fact]
    public void Check_ReportsACurrencyTheDatabaseHoldsButNettingMissed()
    {
        Dictionary<Currency, (long Count, decimal Sum)> database = Database();
        database[Currency.Aed] = (3, 9m);

        IReadOnlyList<ConservationViolation> violations = Conservation.Check(Window(), database);

        Assert.Equal([Conservation.CountMatchesWindow, Conservation.SumMatchesWindow], violations.Select(v => v.Rule));
        Assert.All(violations, v => Assert.Equal(Currency.Aed, v.Currency));
    }

    [Fact]
    public void Check_ReportsACurrencyNettedButUnknownToTheDatabase()
    {
        Dictionary<Currency, (long Count, decimal Sum)> database = Database();
        database.Remove(Currency.Usd);

        IReadOnlyList<ConservationViolation> violations = Conservation.Check(Window(), database);

        Assert.Equal([Conservation.CountMatchesWindow, Conservation.SumMatchesWindow], violations.Select(v => v.Rule));
        Assert.All(violations, v => Assert.Equal(Currency.Usd, v.Currency));
    }

    [Fact]
    public void Check_ReportsNetsThatDoNotSumToZero_WhenAPositionWasAltered()
    {
        NettingResult tampered = ReplacePosition(Window(), Mumbai, Currency.Inr, p => p with { Credit = p.Credit + 1m });

        IReadOnlyList<ConservationViolation> violations = Conservation.Check(tampered, Database());

        Assert.Equal(
            [Conservation.NetsSumToZero, Conservation.GrossBalanced, Conservation.TotalsMatchPositions, Conservation.BilateralMatchesNet],
            violations.Select(v => v.Rule));
        Assert.Equal("INR: the participants' net positions sum to 1.00 instead of zero.", violations[0].Message);
        Assert.Equal("INR: HDFCINBB's bilateral nets sum to -100.00 but its net position is -99.00.", violations[3].Message);
    }

    [Fact]
    public void Check_ReportsGrossThatDiffersFromTheObligations_WhenBothSidesWereInflated()
    {
        NettingResult tampered = ReplacePosition(Window(), Mumbai, Currency.Inr, p => p with { Debit = p.Debit + 5m, Credit = p.Credit + 5m });

        IReadOnlyList<ConservationViolation> violations = Conservation.Check(tampered, Database());

        Assert.Equal([Conservation.GrossEqualsObligations, Conservation.TotalsMatchPositions], violations.Select(v => v.Rule));
    }

    [Fact]
    public void Check_ReportsObligationCountsThatDoNotBalance()
    {
        NettingResult tampered = ReplacePosition(Window(), Dubai, Currency.Inr, p => p with { ObligationsPaid = p.ObligationsPaid + 1 });

        ConservationViolation violation = Assert.Single(Conservation.Check(tampered, Database()));

        Assert.Equal(Conservation.CountsBalanced, violation.Rule);
        Assert.Equal("INR: 2 obligations were netted but participants paid 3 and received 2.", violation.Message);
    }
}
