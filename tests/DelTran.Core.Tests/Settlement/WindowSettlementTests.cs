using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Liquidity;
using DelTran.Core.Netting;
using DelTran.Core.Settlement;

namespace DelTran.Core.Tests.Settlement;

public sealed class WindowSettlementTests
{
    private const string Window = "W-20250813-INR";
    private const string Mumbai = "HDFCINBB";
    private const string Chennai = "IOBAINBB";
    private const string Dubai = "EBILAEAD";
    private static readonly DateTimeOffset TookOver = new(2025, 8, 13, 12, 0, 0, TimeSpan.Zero);

    private static NetPosition Position(string participant, decimal debit, decimal credit) => new(participant, Currency.Inr, debit, credit, 1, 1);

    // Mumbai pays 70, Chennai pays 5, Dubai receives 75.
    private static readonly NetPosition[] Positions = [Position(Mumbai, 100m, 30m), Position(Chennai, 5m, 0m), Position(Dubai, 0m, 75m)];

    private static Dictionary<PositionKey, AvailableFunds> Funds(decimal mumbai, decimal chennai) => new()
    {
        [new PositionKey(Mumbai, Currency.Inr)] = new AvailableFunds(mumbai, 0m, 0m),
        [new PositionKey(Chennai, Currency.Inr)] = new AvailableFunds(chennai, 0m, 0m),
        [new PositionKey(Dubai, Currency.Inr)] = new AvailableFunds(0m, 0m, 0m),
    };

    private static SettlementInstruction Instruction(string participant, decimal amount, SettlementDirection direction) =>
        new(SettlementPlanner.InstructionId(Window, participant, Currency.Inr, direction), Window, participant, Currency.Inr, amount, direction);

    private static readonly BankAnswer Confirmed = new(true, "CONF-1", TookOver.AddMinutes(1), null, null);

    [Theory]
    [InlineData(WindowState.Netted, false, SettlementStep.Reserve)]
    [InlineData(WindowState.Netted, true, SettlementStep.Reserve)]
    [InlineData(WindowState.Settling, false, SettlementStep.Resume)]
    [InlineData(WindowState.Settling, true, SettlementStep.Resume)]
    [InlineData(WindowState.Failed, true, SettlementStep.Reserve)]
    [InlineData(WindowState.Failed, false, SettlementStep.Nothing)]
    [InlineData(WindowState.Settled, true, SettlementStep.Nothing)]
    [InlineData(WindowState.Open, false, SettlementStep.Nothing)]
    [InlineData(WindowState.Closing, false, SettlementStep.Nothing)]
    public void Start_ChoosesTheStep_ForEachStateAndRetry(WindowState state, bool retry, SettlementStep expected)
    {
        SettlementStart start = WindowSettlement.Start(new WindowRetryFacts(Window, state, null, Netted: true), retry);

        Assert.Equal(expected, start.Step);
        Assert.Equal(expected is SettlementStep.Nothing, start.Reason is not null);
    }

    [Fact]
    public void Start_RefusesARetry_WhenTheWindowsObligationsWereCarriedOn()
    {
        SettlementStart start = WindowSettlement.Start(new WindowRetryFacts(Window, WindowState.Failed, "W-20250813-INR-2", Netted: true), retry: true);

        Assert.Equal(SettlementStep.RefuseRetry, start.Step);
        Assert.Contains("carried into W-20250813-INR-2", start.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_RefusesARetry_WhenTheWindowFailedBeforeNetting()
    {
        SettlementStart start = WindowSettlement.Start(new WindowRetryFacts(Window, WindowState.Failed, null, Netted: false), retry: true);

        Assert.Equal(SettlementStep.RefuseRetry, start.Step);
        Assert.Contains("failed before netting", start.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserve_ReservesEachNetDebit_AndMovesTheWindowToSettling_WhenEveryDebtorIsFunded()
    {
        SettlementReservation reservation = WindowSettlement.Reserve(Window, WindowState.Netted, 2, Currency.Inr, Positions, Funds(70m, 5m));

        Assert.True(reservation.CanSettle);
        Assert.False(reservation.RetryRefused);
        Assert.Equal(WindowState.Settling, reservation.To);
        Assert.Equal("attempt 2: 3 instructions, net debits reserved", reservation.Cause);
        Assert.Equal(new Dictionary<string, decimal> { [Mumbai] = 70m, [Chennai] = 5m }, reservation.Reservations);
        Assert.All(reservation.Instructions, i => Assert.StartsWith(Window + ".2-", i.InstructionId, StringComparison.Ordinal));
        Assert.Equal([SettlementDirection.Debit, SettlementDirection.Debit, SettlementDirection.Credit], reservation.Instructions.Select(i => i.Direction));
    }

    [Fact]
    public void Reserve_ReservesNothing_AndFailsTheWindowNamingEachShortfall_WhenADebtorLacksFunds()
    {
        SettlementReservation reservation = WindowSettlement.Reserve(Window, WindowState.Netted, 1, Currency.Inr, Positions, Funds(69.99m, 0m));

        Assert.False(reservation.CanSettle);
        Assert.False(reservation.RetryRefused);
        Assert.Empty(reservation.Instructions);
        Assert.Empty(reservation.Reservations);
        Assert.Equal(WindowState.Failed, reservation.To);
        Assert.Equal(
            "Settlement cannot start, nothing was reserved: HDFCINBB must pay 70.00 INR but has 69.99 available (balance + credit line - reserved). "
            + "IOBAINBB must pay 5.00 INR but has 0.00 available (balance + credit line - reserved).",
            reservation.Cause);
    }

    [Fact]
    public void Reserve_LeavesARetriedWindowFailed_WithTheRefusal_WhenADebtorLacksFunds()
    {
        SettlementReservation reservation = WindowSettlement.Reserve(Window, WindowState.Failed, 2, Currency.Inr, Positions, Funds(0m, 5m));

        Assert.False(reservation.CanSettle);
        Assert.True(reservation.RetryRefused);
        Assert.Equal(WindowState.Failed, reservation.To);
    }

    [Theory]
    [InlineData(WindowState.Open)]
    [InlineData(WindowState.Settling)]
    [InlineData(WindowState.Settled)]
    public void Reserve_Throws_WhenTheWindowIsNeitherNettedNorFailed(WindowState from)
    {
        Assert.Throws<ArgumentException>(() => WindowSettlement.Reserve(Window, from, 1, Currency.Inr, Positions, Funds(70m, 5m)));
    }

    [Fact]
    public void Post_DebitsTheParticipant_AndReleasesItsReservation_WhenADebitIsConfirmed()
    {
        SettlementPosting posting = WindowSettlement.Post(Instruction(Mumbai, 70m, SettlementDirection.Debit), Confirmed, tookOverAt: null);

        Assert.Equal(-70m, posting.BalanceChange);
        Assert.Equal(70m, posting.ReservationReleased);
        Assert.Equal(0m, posting.Postings.Sum(p => p.Amount));
        Assert.Null(posting.RecoveryNote);
    }

    [Fact]
    public void Post_CreditsTheParticipant_AndReleasesNothing_WhenACreditIsConfirmed()
    {
        SettlementPosting posting = WindowSettlement.Post(Instruction(Dubai, 75m, SettlementDirection.Credit), Confirmed, tookOverAt: null);

        Assert.Equal(75m, posting.BalanceChange);
        Assert.Equal(0m, posting.ReservationReleased);
    }

    [Fact]
    public void Post_NotesTheRecovery_WhenTheBankBookedBeforeThisRunTookOver()
    {
        BankAnswer bookedEarlier = Confirmed with { BookedAt = TookOver.AddSeconds(-1) };

        SettlementPosting posting = WindowSettlement.Post(Instruction(Mumbai, 70m, SettlementDirection.Debit), bookedEarlier, TookOver);

        Assert.Equal(
            "recovery: the bank of HDFCINBB had already booked W-20250813-INR-HDFCINBB-INR-D at 2025-08-13T11:59:59.0000000+00:00 (confirmation CONF-1), which the ledger did not have; posted now",
            posting.RecoveryNote);
        Assert.Null(WindowSettlement.Post(Instruction(Mumbai, 70m, SettlementDirection.Debit), Confirmed, TookOver).RecoveryNote);
    }

    [Fact]
    public void Post_Throws_WhenTheBankDidNotConfirm()
    {
        Assert.Throws<ArgumentException>(() => WindowSettlement.Post(Instruction(Mumbai, 70m, SettlementDirection.Debit), new BankAnswer(false, null, null, "REFUSED", "no"), null));
    }

    [Fact]
    public void ReversalOf_GoesTheOtherWay_UnderItsOwnId()
    {
        SettlementInstruction reversal = WindowSettlement.ReversalOf(Instruction(Mumbai, 70m, SettlementDirection.Debit));

        Assert.Equal("W-20250813-INR-HDFCINBB-INR-D-R", reversal.InstructionId);
        Assert.Equal(SettlementDirection.Credit, reversal.Direction);
        Assert.Equal(70m, reversal.Amount);
    }

    [Fact]
    public void PostThenReverse_LeavesBalanceAndLedgerAsTheyWere_ForAnyInstruction()
    {
        Gen.Select(Gen.Decimal[0.01m, 1_000_000_000m], Gen.Bool).Sample((amount, debit) =>
        {
            SettlementInstruction instruction = Instruction(Mumbai, decimal.Round(amount, 2), debit ? SettlementDirection.Debit : SettlementDirection.Credit);
            SettlementPosting posted = WindowSettlement.Post(instruction, Confirmed, null);
            SettlementPosting reversed = WindowSettlement.Reverse(instruction);

            Assert.Equal(0m, posted.BalanceChange + reversed.BalanceChange);
            Assert.Equal(0m, posted.Postings.Concat(reversed.Postings).Sum(p => p.Amount));
            Assert.Empty(Ledger.Check(posted.Postings.Concat(reversed.Postings)));
        });
    }

    [Fact]
    public void Compensate_FailsTheRefusedInstruction_ReleasesTheOthers_AndTheirDebits()
    {
        SettlementInstruction failed = Instruction(Chennai, 5m, SettlementDirection.Debit);
        SettlementInstruction credit = Instruction(Dubai, 75m, SettlementDirection.Credit);
        var failure = new BankAnswer(false, null, null, "REFUSED", "account closed");

        SettlementCompensation compensation = WindowSettlement.Compensate(failed, failure, [], [failed, credit]);

        Assert.Equal(
            [
                new InstructionOutcome(failed.InstructionId, SettlementInstructionStatus.Failed, "REFUSED", "account closed"),
                new InstructionOutcome(credit.InstructionId, SettlementInstructionStatus.Released, null, null),
            ],
            compensation.Outcomes);
        Assert.Equal(new Dictionary<string, decimal> { [Chennai] = 5m }, compensation.Releases);
        Assert.Equal(Chennai, compensation.FailedParticipant);
        Assert.Equal(
            "Bank of IOBAINBB did not confirm W-20250813-INR-IOBAINBB-INR-D (REFUSED: account closed). Posted instructions were reversed and reservations released; retry the window or let the next close carry its obligations.",
            compensation.Reason);
    }

    [Fact]
    public void Compensate_AsksForReconciliation_WhenTheBankTimedOut_OrAReversalWasNotConfirmed()
    {
        SettlementInstruction failed = Instruction(Chennai, 5m, SettlementDirection.Debit);

        SettlementCompensation compensation = WindowSettlement.Compensate(failed, new BankAnswer(false, null, null, "TIMEOUT", "no answer"), ["X-D (REFUSED)"], [failed]);

        Assert.EndsWith(
            " The bank may still have booked W-20250813-INR-IOBAINBB-INR-D: reconcile it with the bank. Banks did not confirm the reversal of X-D (REFUSED): reconcile them by hand.",
            compensation.Reason,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, WindowState.Settled)]
    [InlineData(1, WindowState.Failed)]
    public void Complete_SettlesOnlyACleanLedger(int problems, WindowState expected)
    {
        SettlementCompletion completion = WindowSettlement.Complete(Enumerable.Repeat("INR: off by 1.00.", problems).ToList(), 3);

        Assert.Equal(expected, completion.To);
        Assert.Equal(
            expected == WindowState.Settled ? "3 instructions confirmed by the banks and posted; ledger balanced" : "The ledger does not balance after settlement: INR: off by 1.00.",
            completion.Cause);
    }

    [Fact]
    public void CheckReservations_NamesEachAccount_WhoseReservedDiffersFromItsOpenDebits()
    {
        IReadOnlyList<string> problems = WindowSettlement.CheckReservations(
            Currency.Inr,
            new Dictionary<string, decimal> { [Mumbai] = 70m, [Chennai] = 5m, [Dubai] = 0m },
            new Dictionary<string, decimal> { [Mumbai] = 70m, [Chennai] = 4m });

        Assert.Equal(["IOBAINBB INR has 5 reserved but its open instructions reserve 4."], problems);
    }

    [Fact]
    public void ReserveThenCompensate_ReleasesExactlyWhatWasReserved_ForAnyFundedWindow()
    {
        Gen.Select(Gen.Decimal[0.01m, 1_000_000m], Gen.Decimal[0.01m, 1_000_000m], Gen.Int[0, 2]).Sample((a, b, failing) =>
        {
            decimal mumbai = decimal.Round(a, 2), chennai = decimal.Round(b, 2);
            NetPosition[] positions = [Position(Mumbai, mumbai, 0m), Position(Chennai, chennai, 0m), Position(Dubai, 0m, mumbai + chennai)];
            SettlementReservation reservation = WindowSettlement.Reserve(Window, WindowState.Netted, 1, Currency.Inr, positions, Funds(mumbai, chennai));
            SettlementInstruction failed = reservation.Instructions[failing];

            SettlementCompensation compensation = WindowSettlement.Compensate(failed, new BankAnswer(false, null, null, "REFUSED", "no"), [], reservation.Instructions);

            Assert.Equal(reservation.Reservations, compensation.Releases);
            Assert.Single(compensation.Outcomes, o => o.Status == SettlementInstructionStatus.Failed);
        });
    }
}
