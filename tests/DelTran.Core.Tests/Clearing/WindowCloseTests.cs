using DelTran.Core.Amounts;
using DelTran.Core.Clearing;

namespace DelTran.Core.Tests.Clearing;

public sealed class WindowCloseTests
{
    // Mondays to Fridays, cut-off 16:00 UTC.
    private static readonly BankingCalendar Calendar = new(Currency.Inr, [DayOfWeek.Saturday, DayOfWeek.Sunday], [], new TimeOnly(16, 0), TimeZoneInfo.Utc);
    private static readonly DateTimeOffset Monday10 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OpenedAt = Monday10.AddHours(-6);
    private static readonly HashSet<string> Cleared = ["AED", "INR", "USD"];

    [Fact]
    public void RefuseCurrency_AnswersUnknownCurrencyNamingTheClearedOnes_WhenDelTranDoesNotClearIt()
    {
        CloseResult? refused = WindowClose.RefuseCurrency(new CloseRequest("EUR", "operator"), Cleared);

        Assert.NotNull(refused);
        Assert.Equal((CloseOutcome.UnknownCurrency, (string?)null), (refused.Outcome, refused.WindowId));
        Assert.Contains("it clears AED, INR, USD", refused.Message, StringComparison.Ordinal);
        Assert.Null(WindowClose.RefuseCurrency(new CloseRequest("INR", "operator"), Cleared));
    }

    [Fact]
    public void Decide_ClosesNowForTodaysBusinessDate_WhenNoCutoffIsScheduled()
    {
        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "operator"), "INR-000002", OpenedAt, Monday10, Calendar);

        Assert.Null(decision.Refused);
        Assert.Equal((Monday10, new DateOnly(2026, 12, 7)), (decision.Cutoff, decision.BusinessDate));
    }

    [Fact]
    public void Decide_ClosesAtTheScheduledCutoff_WhenTheJobReachesItLate()
    {
        DateTimeOffset scheduled = Monday10.AddMinutes(-3);

        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "schedule") { ScheduledCutoff = scheduled }, "INR-000002", OpenedAt, Monday10, Calendar);

        Assert.Equal(scheduled, decision.Cutoff);
    }

    [Fact]
    public void Decide_ClosesNow_WhenTheScheduledCutoffIsStillAhead()
    {
        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "schedule") { ScheduledCutoff = Monday10.AddMinutes(5) }, "INR-000002", OpenedAt, Monday10, Calendar);

        Assert.Equal(Monday10, decision.Cutoff);
    }

    [Fact]
    public void Decide_SettlesOnTheNextBankingDay_WhenTheCloseIsAfterTheCalendarsCutoff()
    {
        DateTimeOffset friday17 = new(2026, 12, 11, 17, 0, 0, TimeSpan.Zero);

        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "operator"), "INR-000002", friday17.AddHours(-1), friday17, Calendar);

        Assert.Equal(new DateOnly(2026, 12, 14), decision.BusinessDate);
    }

    [Fact]
    public void Decide_KeepsTheCutoffToTheMicrosecond_WhenTheClockHasFinerTicks()
    {
        DateTimeOffset now = Monday10.AddTicks(7);

        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "operator"), "INR-000002", OpenedAt, now, Calendar);

        Assert.Equal(Monday10, decision.Cutoff);
    }

    [Fact]
    public void Decide_AnswersAlreadyClosed_WhenTheRequestNamesAnotherWindow()
    {
        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "operator") { WindowId = "INR-000001" }, "INR-000002", OpenedAt, Monday10, Calendar);

        Assert.NotNull(decision.Refused);
        Assert.Equal((CloseOutcome.AlreadyClosed, "INR-000001"), (decision.Refused.Outcome, decision.Refused.WindowId));
        Assert.Contains("INR-000002 is the open INR window", decision.Refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Decide_AnswersAlreadyClosed_WhenTheOpenWindowOpenedAtOrAfterTheScheduledCutoff(int secondsAfter)
    {
        DateTimeOffset scheduled = Monday10.AddMinutes(-3);

        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "schedule") { ScheduledCutoff = scheduled }, "INR-000002", scheduled.AddSeconds(secondsAfter), Monday10, Calendar);

        Assert.Equal(CloseOutcome.AlreadyClosed, decision.Refused?.Outcome);
        Assert.Equal("INR-000002", decision.Refused?.WindowId);
    }

    [Fact]
    public void Decide_Closes_WhenTheOpenWindowOpenedJustBeforeTheCutoff()
    {
        DateTimeOffset scheduled = Monday10.AddMinutes(-3);

        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "schedule") { ScheduledCutoff = scheduled }, "INR-000002", scheduled.AddTicks(-10), Monday10, Calendar);

        Assert.Null(decision.Refused);
    }

    [Fact]
    public void Closed_SaysWhatTheCloseMoved_WhenTheWindowClosed()
    {
        WindowCloseDecision decision = WindowClose.Decide(new CloseRequest("INR", "operator"), "INR-000002", OpenedAt, Monday10, Calendar);

        CloseResult closed = WindowClose.Closed("INR-000002", "INR-000003", decision, new WindowCloseCounts(12, 1234.5m, 2, 1, 3), "INR");

        Assert.Equal(CloseOutcome.Closed, closed.Outcome);
        Assert.Equal(
            "Closed INR-000002 at 2026-12-07T10:00:00.0000000+00:00: 12 obligations, sum 1234.5 INR; 2 accepted after the cut-off and 1 value-dated later moved to INR-000003; 3 carried in from failed windows.",
            closed.Message);
        Assert.Equal("operator; cut-off 2026-12-07T10:00:00.0000000+00:00, settles on 2026-12-07", WindowClose.ClosingCause(new CloseRequest("INR", "operator"), decision));
    }
}
