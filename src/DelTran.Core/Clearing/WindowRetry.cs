namespace DelTran.Core.Clearing;

/// <summary>What is known of a window when a retry of its settlement is asked for.</summary>
/// <param name="WindowId">The window.</param>
/// <param name="State">Its state now.</param>
/// <param name="CarriedTo">The window its obligations were carried into, if they were.</param>
/// <param name="Netted">Whether it has net positions (it failed after netting, not before).</param>
public sealed record WindowRetryFacts(string WindowId, WindowState State, string? CarriedTo, bool Netted);

/// <summary>A retry allowed, or refused with the reason an operator reads.</summary>
public sealed record WindowRetryVerdict(bool Allowed, string? Refusal)
{
    public static WindowRetryVerdict Allow { get; } = new(true, null);

    public static WindowRetryVerdict Refuse(string reason) => new(false, reason);
}

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
