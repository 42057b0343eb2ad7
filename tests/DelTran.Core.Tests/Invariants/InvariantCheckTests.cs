using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Invariants;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Settlement;

namespace DelTran.Core.Tests.Invariants;

public sealed class InvariantCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly PositionKey Src = new("SRCBINBB", Currency.Parse("INR"));
    private static readonly PositionKey Epr = new("EPRLAEAD", Currency.Parse("INR"));

    private static InvariantSnapshot Clean() => new()
    {
        Now = Now,
        Transactions = [new StateTally(TransactionState.Accepted, 10, 10, 0, 10), new StateTally(TransactionState.Rejected, 3, 0, 0, 0), new StateTally(TransactionState.Held, 1, 0, 0, 1)],
        InStage = [new InStageTransaction(Guid.Empty, TransactionState.Screened, Now.AddMinutes(-1))],
        CompletedWithoutStatusReport = [],
        LedgerProblems = [],
        Windows =
        [
            new WindowFacts("INR-000001", WindowState.Settled, Now.AddHours(-1), WindowLease.None with { Fence = 1 }, 1, 2, 500m, 500m, Reported: true),
            new WindowFacts("INR-000002", WindowState.Open, Now.AddHours(-1), WindowLease.None, 0, 0, 0m, 0m, Reported: false),
        ],
        StoredPositions = new Dictionary<PositionKey, decimal> { [Src] = -25m, [Epr] = 25m },
        LivePositions = new Dictionary<PositionKey, decimal> { [Src] = -25m, [Epr] = 25m },
        Undispatched = 1,
        OldestUndispatched = Now.AddSeconds(-2),
        Instructions = [new InstructionFacts("INR-000001.1-SRCBINBB-INR-D", "SRCBINBB", SettlementInstructionStatus.Posted), new InstructionFacts("INR-000001.1-EPRLAEAD-INR-C", "EPRLAEAD", SettlementInstructionStatus.Posted)],
        BankBookings = [new BankBooking("INR-000001.1-SRCBINBB-INR-D", "SRCBINBB"), new BankBooking("INR-000001.1-EPRLAEAD-INR-C", "EPRLAEAD")],
    };

    private static InvariantBreak Single(InvariantSnapshot snapshot, string invariant, BreakKind kind)
    {
        InvariantReport report = InvariantCheck.Evaluate(snapshot);
        InvariantBreak broken = Assert.Single(report.Breaks);
        Assert.Equal(invariant, broken.Invariant);
        Assert.Equal(kind, broken.Kind);
        Assert.Equal(kind != BreakKind.Conservation, report.Conserved);
        return broken;
    }

    [Fact]
    public void Evaluate_Holds_OnAConsistentSnapshot()
    {
        InvariantReport report = InvariantCheck.Evaluate(Clean());

        Assert.True(report.Holds, string.Join("\n", report.Breaks.Select(b => b.Message)));
        Assert.True(report.Conserved);
        Assert.Empty(report.Unchecked);
    }

    [Theory]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    public void Evaluate_Breaks_WhenAnAcceptedTransactionHasNotExactlyOneObligation(long withObligation, long withSeveral) =>
        Single(Clean() with { Transactions = [new StateTally(TransactionState.Accepted, 10, withObligation, withSeveral, 10)] }, "accepted-one-obligation", BreakKind.ExactlyOnce);

    [Fact]
    public void Evaluate_Holds_WhenEveryTransactionSettledInTokensHasOneObligationWithItsTokenPayment()
    {
        InvariantReport report = InvariantCheck.Evaluate(Clean() with { Transactions = [new StateTally(TransactionState.SettledInTokens, 5, 5, 0, 5, WithTokenPayment: 5), new StateTally(TransactionState.Accepted, 3, 3, 0, 3)] });

        Assert.True(report.Holds, string.Join("\n", report.Breaks.Select(b => b.Message)));
    }

    [Fact]
    public void Evaluate_Breaks_WhenAPaymentSettledInTokensLacksItsTokenPayment_OrAWindowPaymentHasOne()
    {
        Single(Clean() with { Transactions = [new StateTally(TransactionState.SettledInTokens, 5, 5, 0, 5, WithTokenPayment: 4)] }, "settled-once-in-tokens-or-window", BreakKind.ExactlyOnce);
        Single(Clean() with { Transactions = [new StateTally(TransactionState.Accepted, 5, 5, 0, 5, WithTokenPayment: 1)] }, "settled-once-in-tokens-or-window", BreakKind.ExactlyOnce);
        Single(Clean() with { Transactions = [new StateTally(TransactionState.SettledInTokens, 5, 4, 0, 5, WithTokenPayment: 5)] }, "accepted-one-obligation", BreakKind.ExactlyOnce);
    }

    [Fact]
    public void Evaluate_Breaks_WhenARejectedTransactionHasAnObligationOrNoReason()
    {
        Single(Clean() with { Transactions = [new StateTally(TransactionState.Rejected, 3, 1, 0, 0)] }, "obligation-only-when-accepted", BreakKind.ExactlyOnce);
        Single(Clean() with { Transactions = [new StateTally(TransactionState.Rejected, 3, 0, 0, 1)] }, "reject-has-reason", BreakKind.ExactlyOnce);
    }

    [Fact]
    public void Evaluate_Breaks_WhenATransactionSitsInAStageFromTheLimitOn()
    {
        var stuck = new InStageTransaction(Guid.NewGuid(), TransactionState.RiskChecked, Now - InvariantLimits.Default.StageAge);

        InvariantBreak broken = Single(Clean() with { InStage = [stuck] }, "none-stuck-in-a-stage", BreakKind.Stuck);

        Assert.Contains(stuck.Id.ToString(), Assert.Single(broken.Rows), StringComparison.Ordinal);
        Assert.True(InvariantCheck.Evaluate(Clean() with { InStage = [stuck with { UpdatedAt = stuck.UpdatedAt.AddTicks(1) }] }).Holds);
    }

    [Fact]
    public void Evaluate_Breaks_WhenACompletedMessageHasNoPacs002() =>
        Single(Clean() with { CompletedWithoutStatusReport = [Guid.NewGuid()] }, "one-pacs002-per-message", BreakKind.Delivery);

    [Fact]
    public void Evaluate_BreaksConservation_WhenTheLedgerHasProblems() =>
        Single(Clean() with { LedgerProblems = ["INR: the ledger does not balance"] }, "ledger-balances", BreakKind.Conservation);

    [Fact]
    public void Evaluate_BreaksConservation_WhenAWindowsNetsDoNotSumToZero() =>
        Single(Clean() with { Windows = [Clean().Windows[0] with { PositionCredits = 499.99m }] }, "nets-sum-to-zero", BreakKind.Conservation);

    [Fact]
    public void Evaluate_BreaksConservation_WhenAFailedWindowStillHoldsPostedMoney()
    {
        // A window failed after its money moved, unreversed: its obligations would settle again in a later window.
        InvariantSnapshot failedUnwound = Clean() with
        {
            Windows = [Clean().Windows[0] with { State = WindowState.Failed, SettledTransitions = 0 }],
            Instructions = [new InstructionFacts("INR-000001.1-SRCBINBB-INR-D", "SRCBINBB", SettlementInstructionStatus.Posted, "INR-000001"), new InstructionFacts("INR-000001.1-EPRLAEAD-INR-C", "EPRLAEAD", SettlementInstructionStatus.Reversed, "INR-000001")],
            BankBookings = null,
        };
        InvariantBreak broken = Single(failedUnwound, "failed-window-unwound", BreakKind.Conservation);
        Assert.Equal(["INR-000001: INR-000001.1-SRCBINBB-INR-D (SRCBINBB)"], broken.Rows);

        // Reversed, it holds nothing: the retry or the next window may settle its obligations.
        InvariantSnapshot reversed = failedUnwound with { Instructions = [.. failedUnwound.Instructions.Select(i => i with { Status = SettlementInstructionStatus.Reversed })] };
        Assert.DoesNotContain(InvariantCheck.Evaluate(reversed).Breaks, b => b.Invariant == "failed-window-unwound");
    }

    [Fact]
    public void Evaluate_Breaks_WhenAWindowSettledTwice() =>
        Single(Clean() with { Windows = [Clean().Windows[0] with { SettledTransitions = 2 }] }, "window-settles-once", BreakKind.ExactlyOnce);

    [Fact]
    public void Evaluate_Breaks_WhenAnUnfinishedWindowIsUnclaimed_ButNotWhileItsLeaseRuns()
    {
        var settling = new WindowFacts("INR-000003", WindowState.Settling, Now - InvariantLimits.Default.WindowAge, WindowLease.None, 0, 2, 1m, 1m, Reported: false);

        Single(Clean() with { Windows = [settling] }, "windows-finish", BreakKind.Stuck);
        Assert.True(InvariantCheck.Evaluate(Clean() with { Windows = [settling with { Lease = new WindowLease("a", Now.AddSeconds(5), 4) }] }).Holds);
        Assert.True(InvariantCheck.Evaluate(Clean() with { Windows = [settling with { UpdatedAt = Now.AddSeconds(-1) }] }).Holds);
        Single(Clean() with { Windows = [settling with { State = WindowState.Settled }] }, "windows-finish", BreakKind.Stuck);
    }

    [Fact]
    public void Evaluate_BreaksConservation_WhenPositionsDifferFromTheOpenWindowsObligations()
    {
        InvariantBreak broken = Single(Clean() with { StoredPositions = new Dictionary<PositionKey, decimal> { [Src] = -25m, [Epr] = 24m } }, "positions-equal-obligations", BreakKind.Conservation);

        Assert.Contains("EPRLAEAD", Assert.Single(broken.Rows), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LeavesPositionsUnchecked_WhileTheyAreProvisional()
    {
        InvariantReport report = InvariantCheck.Evaluate(Clean() with { LivePositions = null, StoredPositions = new Dictionary<PositionKey, decimal> { [Src] = -1m } });

        Assert.True(report.Holds);
        Assert.Contains(report.Unchecked, u => u.StartsWith("positions", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_Breaks_WhenTheOutboxDoesNotDrain() =>
        Single(Clean() with { OldestUndispatched = Now - InvariantLimits.Default.OutboxAge }, "outbox-drains", BreakKind.Delivery);

    [Fact]
    public void Evaluate_ComparesTheBanksBooksWithTheLedger()
    {
        InvariantSnapshot clean = Clean();
        Single(clean with { BankBookings = [.. clean.BankBookings!, clean.BankBookings![0]] }, "booked-once-at-the-bank", BreakKind.ExactlyOnce);
        Single(clean with { BankBookings = [clean.BankBookings![0]] }, "ledger-equals-bank-books", BreakKind.Conservation);
        Single(clean with { BankBookings = [.. clean.BankBookings!, new BankBooking("INR-000009.1-SRCBINBB-INR-D", "SRCBINBB")] }, "bank-books-equal-ledger", BreakKind.Conservation);
        // A failed instruction the bank booked all the same (fail-after-booking, a timeout) is money out of step.
        Single(clean with { Instructions = [clean.Instructions[0] with { Status = SettlementInstructionStatus.Failed }, clean.Instructions[1]] }, "bank-books-equal-ledger", BreakKind.Conservation);
        // A reversed instruction is booked and reversed at the bank.
        InvariantSnapshot reversed = clean with { Instructions = [clean.Instructions[0] with { Status = SettlementInstructionStatus.Reversed }, clean.Instructions[1]] };
        Single(reversed, "ledger-equals-bank-books", BreakKind.Conservation);
        Assert.True(InvariantCheck.Evaluate(reversed with { BankBookings = [.. clean.BankBookings!, new BankBooking(clean.Instructions[0].InstructionId + "-R", "SRCBINBB")] }).Holds);
        // One being settled now is booked and not posted yet: in flight, not a break.
        InvariantReport inFlight = InvariantCheck.Evaluate(clean with { Instructions = [clean.Instructions[0] with { Status = SettlementInstructionStatus.Reserved }, clean.Instructions[1]] });
        Assert.True(inFlight.Holds);
        Assert.Single(inFlight.Unchecked);
    }

    [Fact]
    public void Evaluate_Breaks_WhenATokenIsNotBacked()
    {
        InvariantBreak broken = Single(Clean() with { TokenProblems = ["xINR: reserve 1000 is not outstanding 1001 plus suspense 0."] }, "tokens-backed", BreakKind.Conservation);

        Assert.Equal(["xINR: reserve 1000 is not outstanding 1001 plus suspense 0."], broken.Rows);
    }

    [Fact]
    public void Evaluate_ComparesTokenMintsAndBurnsWithTheBanksBooks()
    {
        InvariantSnapshot clean = Clean();
        var mint = new BankBooking("SRCBINBB/mint-1", "SRCBINBB");

        // A confirmed mint is booked once; one still waiting for its bank may be booked or not.
        Assert.True(InvariantCheck.Evaluate(clean with { TokenFundings = [new TokenFundingFacts(mint.IdempotencyKey, Booked: true, InFlight: false)], BankBookings = [.. clean.BankBookings!, mint] }).Holds);
        Assert.True(InvariantCheck.Evaluate(clean with { TokenFundings = [new TokenFundingFacts(mint.IdempotencyKey, Booked: false, InFlight: true)], BankBookings = [.. clean.BankBookings!, mint] }).Holds);
        Single(clean with { TokenFundings = [new TokenFundingFacts(mint.IdempotencyKey, Booked: true, InFlight: false)] }, "ledger-equals-bank-books", BreakKind.Conservation);

        // A mint voided on a timeout that the bank booked after all is money out of step until it is found and refunded.
        Single(clean with { TokenFundings = [new TokenFundingFacts(mint.IdempotencyKey, Booked: false, InFlight: false)], BankBookings = [.. clean.BankBookings!, mint] }, "bank-books-equal-ledger", BreakKind.Conservation);
    }
}
