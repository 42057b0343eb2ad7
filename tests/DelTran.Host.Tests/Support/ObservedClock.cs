using Microsoft.Extensions.Time.Testing;

namespace DelTran.Host.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells the test which timers the code under test has started (their due
/// times, in order), so a test moves time only once the code waits on it: time never moves by itself, and nothing the
/// test asserts depends on how fast the machine is.
/// </summary>
public sealed class ObservedClock() : FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero))
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _dueTimes = [];

    /// <summary>How far the test has moved the clock since it was made.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ArmedTimer(base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), this);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>How many times a timer has been set to go off (started, or changed to a due time) so far.</summary>
    public int TimersStarted
    {
        get
        {
            lock (_gate)
            {
                return _dueTimes.Count;
            }
        }
    }

    private void Armed(TimeSpan dueTime)
    {
        lock (_gate)
        {
            _dueTimes.Add(dueTime);
        }
    }

    /// <summary>
    /// Waits until a timer set after the first <paramref name="after"/> ones has a due time that <paramref name="matches"/>,
    /// and returns its index and due time; or returns null as soon as <paramref name="orUntil"/> holds. The real-time
    /// deadline only bounds a hang.
    /// </summary>
    public async Task<(int Index, TimeSpan DueTime)?> WaitForTimerAsync(int after, Func<TimeSpan, bool> matches, string what, Func<bool>? orUntil = null)
    {
        (int, TimeSpan)? found = null;
        await Eventually.HoldsAsync(
            () =>
            {
                lock (_gate)
                {
                    for (int i = after; i < _dueTimes.Count; i++)
                    {
                        if (matches(_dueTimes[i]))
                        {
                            found = (i, _dueTimes[i]);
                            return true;
                        }
                    }
                }

                return orUntil?.Invoke() == true;
            },
            what);
        return found;
    }

    /// <summary>The fake's timer, reporting each time it is set to go off (a due time that is not infinite).</summary>
    private sealed class ArmedTimer(ITimer inner, ObservedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Armed(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>Waiting for an event with a generous deadline that only bounds a hang.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline.TotalSeconds:F0} s waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }
}
