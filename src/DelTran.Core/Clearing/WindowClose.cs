using System.Globalization;

namespace DelTran.Core.Clearing;

/// <summary>
/// The decisions of a window's close. A currency DelTran does not clear has no window. A close named for another window, or
/// scheduled for a cut-off at or before the open window's opening, finds its close already done (an operator's second click,
/// a second instance, a late job). Otherwise the window closes at the scheduled cut-off when the job reached it late, or now,
/// and settles on its currency's banking day at that cut-off. Membership then follows <see cref="WindowAssignment"/>.
/// </summary>
public static class WindowClose
{
    /// <summary>The answer for a currency DelTran does not clear, or null when it clears it.</summary>
    public static CloseResult? RefuseCurrency(CloseRequest request, IReadOnlySet<string> clearedCurrencies)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clearedCurrencies);
        return clearedCurrencies.Contains(request.Currency)
            ? null
            : new CloseResult(CloseOutcome.UnknownCurrency, null, $"DelTran clears no {request.Currency} payments, so there is no {request.Currency} window; it clears {string.Join(", ", clearedCurrencies.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Decides the close of the open window <paramref name="openWindowId"/>, opened at <paramref name="openedAt"/>, at <paramref name="now"/>.</summary>
    public static WindowCloseDecision Decide(CloseRequest request, string openWindowId, DateTimeOffset openedAt, DateTimeOffset now, BankingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        DateTimeOffset cutoff = Microseconds(request.ScheduledCutoff is DateTimeOffset scheduled && scheduled < now ? scheduled : now);
        DateOnly businessDate = calendar.BusinessDateAt(cutoff);
        if (request.WindowId is not null && request.WindowId != openWindowId)
        {
            return new WindowCloseDecision(new CloseResult(CloseOutcome.AlreadyClosed, request.WindowId, $"Window {request.WindowId} is not open; {openWindowId} is the open {request.Currency} window."), cutoff, businessDate);
        }

        if (openedAt >= cutoff)
        {
            return new WindowCloseDecision(new CloseResult(CloseOutcome.AlreadyClosed, openWindowId, $"Window {openWindowId} opened at {openedAt:O}, at or after the cut-off {cutoff:O}: that cut-off's close already happened."), cutoff, businessDate);
        }

        return new WindowCloseDecision(null, cutoff, businessDate);
    }

    /// <summary>The cause recorded on the closing window's event.</summary>
    public static string ClosingCause(CloseRequest request, WindowCloseDecision decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        return string.Create(CultureInfo.InvariantCulture, $"{request.Cause}; cut-off {decision.Cutoff:O}, settles on {decision.BusinessDate:yyyy-MM-dd}");
    }

    /// <summary>The answer for a window that closed, with what its close moved.</summary>
    public static CloseResult Closed(string windowId, string nextWindowId, WindowCloseDecision decision, WindowCloseCounts counts, string currency)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(counts);
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"Closed {windowId} at {decision.Cutoff:O}: {counts.Obligations} obligations, sum {counts.Sum} {currency}; {counts.Late} accepted after the cut-off and {counts.NotDue} value-dated later moved to {nextWindowId}; {counts.CarriedIn} carried in from failed windows.");
        return new CloseResult(CloseOutcome.Closed, windowId, message);
    }

    // PostgreSQL keeps microseconds: a cut-off with finer ticks would not compare equal to itself once stored.
    private static DateTimeOffset Microseconds(DateTimeOffset instant) => new(instant.Ticks - (instant.Ticks % 10), instant.Offset);
}
