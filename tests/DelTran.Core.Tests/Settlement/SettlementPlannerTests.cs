using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Netting;
using DelTran.Core.Settlement;
using DelTran.Core.Tests.Netting;

namespace DelTran.Core.Tests.Settlement;

public sealed class SettlementPlannerTests
{
    private const string Window = "W-20250813-INR";
    private const string Mumbai = "HDFCINBB";
    private const string Dubai = "EBILAEAD";
    private const string NewYork = "CITIUS33";
    private const string Chennai = "IOBAINBB";

    private static NetPosition Position(string participant, decimal debit, decimal credit, Currency? currency = null) =>
        new(participant, currency ?? Currency.Inr, debit, credit, 1, 1);

    // Mumbai pays 70, Chennai pays 5; Dubai receives 45, New York 30; Dubai's partner in USD nets to zero.
    private static readonly NetPosition[] Positions =
    [
        Position(Dubai, 60m, 105m),
        Position(Mumbai, 100m, 30m),
        Position(NewYork, 30m, 60m),
        Position(Chennai, 5m, 0m),
        Position(Dubai, 10m, 10m, Currency.Usd),
        Position(NewYork, 10m, 10m, Currency.Usd),
    ];

    private static readonly Dictionary<PositionKey, AvailableFunds> Funded = new()
    {
        [new PositionKey(Mumbai, Currency.Inr)] = new AvailableFunds(100m, 0m, 0m),
        [new PositionKey(Chennai, Currency.Inr)] = new AvailableFunds(5m, 0m, 0m),
    };

    [Fact]
    public void Plan_PutsDebitsBeforeCredits_AndSkipsZeroNets()
    {
        SettlementPlan plan = SettlementPlanner.Plan(Window, Positions, Funded);

        Assert.Equal(
            [
                new SettlementInstruction("W-20250813-INR-HDFCINBB-INR-D", Window, Mumbai, Currency.Inr, 70m, SettlementDirection.Debit),
                new SettlementInstruction("W-20250813-INR-IOBAINBB-INR-D", Window, Chennai, Currency.Inr, 5m, SettlementDirection.Debit),
                new SettlementInstruction("W-20250813-INR-CITIUS33-INR-C", Window, NewYork, Currency.Inr, 30m, SettlementDirection.Credit),
                new SettlementInstruction("W-20250813-INR-EBILAEAD-INR-C", Window, Dubai, Currency.Inr, 45m, SettlementDirection.Credit),
            ],
            plan.Instructions);
        Assert.True(plan.CanSettle);
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Plan_IsDeterministic_ForTheSameWindow()
    {
        Assert.Equal(SettlementPlanner.Plan(Window, Positions, Funded).Instructions, SettlementPlanner.Plan(Window, Positions.Reverse().ToArray(), Funded).Instructions);
    }

    [Theory]
    [InlineData(70, 0, 0, false)]
    [InlineData(69.99, 0, 0, true)]
    [InlineData(50, 0, 20, false)]
    [InlineData(100, 30.01, 0, true)]
    [InlineData(0, 0, 69.99, true)]
    public void Plan_ReportsAShortfall_WhenTheNetExceedsWhatIsAvailable(double balance, double reserved, double creditLine, bool shortfall)
    {
        var accounts = new Dictionary<PositionKey, AvailableFunds>(Funded)
        {
            [new PositionKey(Mumbai, Currency.Inr)] = new AvailableFunds((decimal)balance, (decimal)creditLine, (decimal)reserved),
        };

        SettlementPlan plan = SettlementPlanner.Plan(Window, Positions, accounts);

        Assert.Equal(!shortfall, plan.CanSettle);
        if (shortfall)
        {
            decimal available = (decimal)balance + (decimal)creditLine - (decimal)reserved;
            Assert.Equal(new SettlementShortfall(Mumbai, Currency.Inr, 70m, available), Assert.Single(plan.Shortfalls));
        }

        Assert.Equal(4, plan.Instructions.Count);
    }

    [Fact]
    public void Plan_CountsAMissingAccountAsNothingAvailable_ForDebtorsOnly()
    {
        SettlementPlan plan = SettlementPlanner.Plan(Window, Positions, new Dictionary<PositionKey, AvailableFunds>());

        Assert.Equal(
            [new SettlementShortfall(Mumbai, Currency.Inr, 70m, 0m), new SettlementShortfall(Chennai, Currency.Inr, 5m, 0m)],
            plan.Shortfalls);
        Assert.False(plan.CanSettle);
    }

    [Fact]
    public void Plan_Throws_WhenACurrencysNetsDoNotSumToZero()
    {
        NetPosition[] unbalanced = Positions.Where(p => p.Participant != Chennai).ToArray();

        ArgumentException error = Assert.Throws<ArgumentException>(() => SettlementPlanner.Plan(Window, unbalanced, Funded));
        Assert.Contains("INR nets of window W-20250813-INR sum to 5.00, not zero.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Throws_WhenAPositionAppearsTwiceOrTheWindowIdIsEmpty()
    {
        Assert.Throws<ArgumentException>(() => SettlementPlanner.Plan(Window, [.. Positions, Position(Mumbai, 0m, 0m)], Funded));
        Assert.ThrowsAny<ArgumentException>(() => SettlementPlanner.Plan(" ", Positions, Funded));
    }

    [Fact]
    public void Plan_CollectsWhatItPaysOut_ForAnyNettedWindow()
    {
        NettingGen.Obligations.Sample(obligations =>
        {
            NettingResult result = NettingGen.Net(obligations);

            SettlementPlan plan = SettlementPlanner.Plan("W1", result.Positions, new Dictionary<PositionKey, AvailableFunds>());

            Assert.Equal(result.Positions.Count(p => p.Net != 0m), plan.Instructions.Count);
            int firstCredit = plan.Instructions.TakeWhile(i => i.Direction == SettlementDirection.Debit).Count();
            Assert.All(plan.Instructions.Skip(firstCredit), i => Assert.Equal(SettlementDirection.Credit, i.Direction));
            Assert.All(plan.Instructions, i => Assert.True(i.Amount > 0m));
            Assert.Equal(plan.Instructions.Count, plan.Instructions.Select(i => i.InstructionId).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(firstCredit, plan.Shortfalls.Count);
            foreach (Currency currency in NettingGen.Currencies)
            {
                IEnumerable<SettlementInstruction> inCurrency = plan.Instructions.Where(i => i.Currency == currency);
                Assert.Equal(
                    inCurrency.Where(i => i.Direction == SettlementDirection.Debit).Sum(i => i.Amount),
                    inCurrency.Where(i => i.Direction == SettlementDirection.Credit).Sum(i => i.Amount));
            }
        }, iter: 300);
    }
}
