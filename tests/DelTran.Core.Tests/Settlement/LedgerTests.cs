using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Netting;
using DelTran.Core.Settlement;
using DelTran.Core.Tests.Netting;

namespace DelTran.Core.Tests.Settlement;

public sealed class LedgerTests
{
    private const string Mumbai = "HDFCINBB";
    private const string Dubai = "EBILAEAD";

    private static readonly SettlementInstruction Pay = new("W1-HDFCINBB-INR-D", "W1", Mumbai, Currency.Inr, 70m, SettlementDirection.Debit);
    private static readonly SettlementInstruction Receive = new("W1-EBILAEAD-INR-C", "W1", Dubai, Currency.Inr, 70m, SettlementDirection.Credit);

    [Fact]
    public void Post_DebitsThePayer_AndCreditsTheClearingAccount()
    {
        Assert.Equal(
            [
                new LedgerPosting(Mumbai, Currency.Inr, -70m, Pay.InstructionId, "SETTLEMENT"),
                new LedgerPosting(Ledger.ClearingAccount, Currency.Inr, 70m, Pay.InstructionId, "SETTLEMENT"),
            ],
            Ledger.Post(Pay));
    }

    [Fact]
    public void Post_CreditsTheReceiver_AndDebitsTheClearingAccount()
    {
        Assert.Equal(
            [
                new LedgerPosting(Dubai, Currency.Inr, 70m, Receive.InstructionId, "SETTLEMENT"),
                new LedgerPosting(Ledger.ClearingAccount, Currency.Inr, -70m, Receive.InstructionId, "SETTLEMENT"),
            ],
            Ledger.Post(Receive));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Post_Throws_WhenTheAmountIsNotPositive(int amount)
    {
        Assert.Throws<ArgumentException>(() => Ledger.Post(Pay with { Amount = amount }));
    }

    [Fact]
    public void Reverse_MirrorsThePostings_WithoutEditingThem()
    {
        IReadOnlyList<LedgerPosting> posted = Ledger.Post(Pay);
        LedgerPosting[] before = [.. posted];

        IReadOnlyList<LedgerPosting> reversal = Ledger.Reverse(posted);

        Assert.Equal(before, posted);
        Assert.Equal(
            [
                new LedgerPosting(Mumbai, Currency.Inr, 70m, Pay.InstructionId, "REVERSAL"),
                new LedgerPosting(Ledger.ClearingAccount, Currency.Inr, -70m, Pay.InstructionId, "REVERSAL"),
            ],
            reversal);
        Assert.Empty(Ledger.Check([.. posted, .. reversal]));
    }

    [Fact]
    public void Check_FindsNothing_ForASettledWindow_WithMatchingBalances()
    {
        LedgerPosting[] postings = [.. Ledger.Post(Pay), .. Ledger.Post(Receive)];
        var opening = new Dictionary<PositionKey, decimal> { [new PositionKey(Mumbai, Currency.Inr)] = 100m };
        var stored = new Dictionary<PositionKey, decimal>
        {
            [new PositionKey(Mumbai, Currency.Inr)] = 30m,
            [new PositionKey(Dubai, Currency.Inr)] = 70m,
        };

        Assert.Empty(Ledger.Check(postings, opening, stored));
        Assert.Equal(0m, postings.Where(p => p.Account == Ledger.ClearingAccount).Sum(p => p.Amount));
    }

    [Fact]
    public void Check_CatchesAnUnbalancedPosting()
    {
        IReadOnlyList<LedgerPosting> posted = Ledger.Post(Pay);
        LedgerPosting[] tampered = [posted[0] with { Amount = -69.99m }, posted[1]];

        Assert.Equal(
            [
                "INR: the ledger does not balance; its postings sum to 0.01 instead of zero.",
                "Instruction W1-HDFCINBB-INR-D: its SETTLEMENT postings sum to 0.01 INR instead of zero.",
            ],
            Ledger.Check(tampered));
    }

    [Fact]
    public void Check_CatchesAStoredBalanceThatDisagrees()
    {
        LedgerPosting[] postings = [.. Ledger.Post(Pay), .. Ledger.Post(Receive)];
        var opening = new Dictionary<PositionKey, decimal> { [new PositionKey(Mumbai, Currency.Inr)] = 100m };
        var stored = new Dictionary<PositionKey, decimal>
        {
            [new PositionKey(Mumbai, Currency.Inr)] = 100m,
            [new PositionKey(Dubai, Currency.Inr)] = 70m,
        };

        Assert.Equal(
            ["HDFCINBB/INR: the stored balance is 100.00 but the opening balance plus postings give 30.00."],
            Ledger.Check(postings, opening, stored));
    }

    [Fact]
    public void Check_CatchesAnUnknownKind_AndAHalfReversedInstruction()
    {
        IReadOnlyList<LedgerPosting> posted = Ledger.Post(Pay);
        LedgerPosting[] postings = [.. posted, Ledger.Reverse(posted)[0], posted[1] with { Kind = "ADJUST", Amount = -70m }];

        IReadOnlyList<string> problems = Ledger.Check(postings);

        Assert.Equal(
            [
                "Instruction W1-HDFCINBB-INR-D: its ADJUST postings sum to -70.00 INR instead of zero.",
                "Instruction W1-HDFCINBB-INR-D: its REVERSAL postings sum to 70.00 INR instead of zero.",
                "Postings of kind 'ADJUST' are neither SETTLEMENT nor REVERSAL.",
            ],
            problems);
    }

    [Fact]
    public void PostAndReverse_SumToZeroPerAccount_ForAnyNettedWindow()
    {
        NettingGen.Obligations.Sample(obligations =>
        {
            NettingResult result = NettingGen.Net(obligations);
            SettlementPlan plan = SettlementPlanner.Plan("W1", result.Positions, new Dictionary<PositionKey, AvailableFunds>());

            List<LedgerPosting> posted = plan.Instructions.SelectMany(Ledger.Post).ToList();
            IReadOnlyList<LedgerPosting> reversed = Ledger.Reverse(posted);

            // Settling moves each participant by exactly its net, and leaves the clearing account flat.
            Dictionary<PositionKey, decimal> nets = result.Positions.ToDictionary(p => new PositionKey(p.Participant, p.Currency), p => p.Net);
            Assert.Empty(Ledger.Check(posted, null, nets));
            Assert.All(NettingGen.Currencies, c => Assert.Equal(0m, posted.Where(p => p.Account == Ledger.ClearingAccount && p.Currency == c).Sum(p => p.Amount)));

            LedgerPosting[] all = [.. posted, .. reversed];
            Assert.Empty(Ledger.Check(all));
            Assert.All(all.GroupBy(p => (p.Account, p.Currency)), g => Assert.Equal(0m, g.Sum(p => p.Amount)));
        }, iter: 300);
    }
}
