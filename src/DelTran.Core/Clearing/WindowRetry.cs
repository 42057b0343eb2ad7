namespace DelTran.Core.Clearing;

/// <summary>
/// The one rule for retrying a window's settlement, asked by the operators' API when the retry is requested and by
/// the settlement when it starts: only a FAILED window whose obligations are still its own, and that was netted
/// (a window that failed before netting has nothing to settle: its obligations go to the next window).
/// </summary>
public static class WindowRetry
{
    public static WindowRetryVerdict Decide(WindowRetryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.State != WindowState.Failed)
        {
            return WindowRetryVerdict.Refuse($"Window {facts.WindowId} is {WindowStateMachine.Code(facts.State)}: only a FAILED window can be retried.");
        }

        if (facts.CarriedTo is not null)
        {
            return WindowRetryVerdict.Refuse($"Window {facts.WindowId} cannot be retried: its obligations were carried into {facts.CarriedTo}.");
        }

        return facts.Netted
            ? WindowRetryVerdict.Allow
            : WindowRetryVerdict.Refuse($"Window {facts.WindowId} failed before netting; it cannot be retried, its obligations settle in the next window.");
    }
}
