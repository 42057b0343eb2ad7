using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Reporting;
using DelTran.Core.Settlement;

namespace DelTran.Core.Tests.Reporting;

public sealed class WindowReportRulesTests
{
    private const string Window = "W-20250813-INR-1";
    private static readonly DateTimeOffset Opened = new(2025, 8, 13, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Opened.AddHours(6);
    private static readonly Bic Mumbai = Bic.Parse("HDFCINBB");
    private static readonly Bic Dubai = Bic.Parse("EBILAEAD");

    [Theory]
    [InlineData(WindowState.Open, false, false)]
    [InlineData(WindowState.Closing, false, false)]
    [InlineData(WindowState.Netted, true, false)]
    [InlineData(WindowState.Settling, true, false)]
    [InlineData(WindowState.Failed, true, false)]
    [InlineData(WindowState.Settled, true, true)]
    public void HasReportsAndReportsSettlement_FollowTheWindowsState(WindowState state, bool reported, bool settlementReported)
    {
        Assert.Equal(reported, WindowReportRules.HasReports(state));
        Assert.Equal(settlementReported, WindowReportRules.ReportsSettlement(state));
    }

    [Fact]
    public void SettlementReportId_IsDeterministicMax35Text_AndDiffersPerWindowAndMessage()
    {
        Guid message = Guid.Parse("8a562c67-ca16-48ba-b074-65581be6f011");

        string id = WindowReportRules.SettlementReportId(Window, message);

        Assert.Equal(35, id.Length);
        Assert.StartsWith("DLTS", id, StringComparison.Ordinal);
        Assert.Equal(id, WindowReportRules.SettlementReportId(Window, message));
        Assert.NotEqual(id, WindowReportRules.SettlementReportId(Window + "X", message));
        Assert.NotEqual(id, WindowReportRules.SettlementReportId(Window, Guid.Parse("8a562c67-ca16-48ba-b074-65581be6f012")));
    }

    [Theory]
    [InlineData("DLTM", "W-1", "HDFCINBB", "DLTMW1HDFCINBB")]
    [InlineData("DLTST", "W-20250813-INR-0000000001", "HDFCINBBXXX", "DLTSTW20250813INR0000000001HDFCINBB")]
    public void StatementId_DropsDashes_AndCutsToMax35Text(string prefix, string window, string account, string expected)
    {
        Assert.Equal(expected, WindowReportRules.StatementId(prefix, window, account));
    }

    [Fact]
    public void ValueDate_IsTheBusinessDate_OrTheReportingDayWithoutOne()
    {
        Assert.Equal(new DateOnly(2025, 8, 12), WindowReportRules.ValueDate(new DateOnly(2025, 8, 12), Cutoff));
        Assert.Equal(new DateOnly(2025, 8, 13), WindowReportRules.ValueDate(null, Cutoff));
    }

    [Fact]
    public void StatementLine_ShowsAPaymentAsDebitToTheCreditor_AndAReceiptAsCreditFromTheDebtor()
    {
        Assert.True(Uetr.TryParse("8a562c67-ca16-48ba-b074-65581be6f011", out Uetr uetr));
        var amount = new Money(125.50m, Currency.Inr);

        StatementTransaction paid = WindowReportRules.StatementLine(Mumbai, "E2E-1", uetr, Mumbai, Dubai, amount);
        StatementTransaction received = WindowReportRules.StatementLine(Dubai, "E2E-1", null, Mumbai, Dubai, amount);

        Assert.Equal(new StatementTransaction("E2E-1", uetr, amount, CreditDebit.Debit, Dubai), paid);
        Assert.Equal(new StatementTransaction("E2E-1", null, amount, CreditDebit.Credit, Mumbai), received);
    }

    [Fact]
    public void Movement_CarriesTheReversalsOwnConfirmation_ForAReversal()
    {
        var settlement = new LedgerPosting("HDFCINBB", Currency.Inr, -70m, "I-1", Ledger.Settlement);
        DateOnly valueDate = new(2025, 8, 13);

        SettlementMovement posted = WindowReportRules.Movement(settlement, Window, Cutoff, valueDate, "CONF", "REV");
        SettlementMovement reversed = WindowReportRules.Movement(settlement with { Amount = 70m, Kind = Ledger.Reversal }, Window, Cutoff, valueDate, "CONF", "REV");

        Assert.Equal(new SettlementMovement("I-1", Window, -70m, Cutoff, valueDate, Ledger.Settlement, "CONF"), posted);
        Assert.Equal(new SettlementMovement("I-1", Window, 70m, Cutoff, valueDate, Ledger.Reversal, "REV"), reversed);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(359, true)]
    [InlineData(360, false)]
    public void RejectedDuring_IncludesTheOpening_AndExcludesTheCutoff(int minutes, bool expected)
    {
        Assert.Equal(expected, WindowReportRules.RejectedDuring(Opened.AddMinutes(minutes), Opened, Cutoff));
    }

    [Fact]
    public void RejectedDuring_HasNoEnd_WhileTheWindowHasNoCutoff()
    {
        Assert.True(WindowReportRules.RejectedDuring(Opened.AddYears(1), Opened, null));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(400, true)]
    [InlineData(401, false)]
    public void ActedDuring_RunsFromTheOpeningToThePack(int minutes, bool expected)
    {
        Assert.Equal(expected, WindowReportRules.ActedDuring(Opened.AddMinutes(minutes), Opened, Opened.AddMinutes(400)));
    }

    [Fact]
    public void ControlTotals_SumPositions_AndOnlyPostedInstructionsAsSettled()
    {
        NetPositionExportRow[] positions = [new(Window, "HDFCINBB", "INR", 100m, 30m, -70m), new(Window, "EBILAEAD", "INR", 30m, 100m, 70m)];
        SettlementExportRow[] settlements =
        [
            Instruction("HDFCINBB", "DEBIT", "POSTED", 70m),
            Instruction("EBILAEAD", "CREDIT", "POSTED", 70m),
            Instruction("HDFCINBB", "DEBIT", "REVERSED", 70m),
            Instruction("EBILAEAD", "CREDIT", "RELEASED", 70m),
        ];

        ControlTotalRow totals = WindowReportRules.ControlTotals(Window, "INR", 4, 130m, null, positions, settlements);

        Assert.Equal(new ControlTotalRow(Window, "INR", 4, 130m, 130m, 130m, 0m, 0m, 70m, 70m), totals);
    }

    private static SettlementExportRow Instruction(string participant, string direction, string status, decimal amount) =>
        new(Window, "I-" + participant, participant, "INR", direction, amount, status, null, null, Cutoff);
}
