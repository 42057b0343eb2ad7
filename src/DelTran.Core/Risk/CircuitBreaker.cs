using System.Globalization;

namespace DelTran.Core.Risk;

/// <summary>
/// A circuit breaker as a state machine with no clock: every call takes <c>now</c>, and every change comes back as
/// <see cref="BreakerEvent"/>s. Closed → Open when a trigger in <see cref="CircuitBreakerOptions"/> fires; Open →
/// HalfOpen once the open duration has passed (reported by the next <see cref="Advance"/> or <see cref="Record"/>);
/// HalfOpen → Closed after the trial count of good outcomes, or back to Open on the first bad one. An operator's
/// suspension refuses traffic whatever the state. Deterministic, so replaying the same outcomes rebuilds the same
/// breaker. Not thread-safe: the Host serialises calls per breaker.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly OutcomeWindow _recent = new();
    private DateTimeOffset _openedAt;
    private DateTimeOffset _lastSeen = DateTimeOffset.MinValue;
    private DateTimeOffset _changedAt = DateTimeOffset.MinValue;
    private int _trialSuccesses;

    public CircuitBreaker(BreakerSubject subject, CircuitBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid circuit breaker options: " + string.Join(" ", problems), nameof(options));
        }

        Subject = subject;
        Options = options;
    }

    public BreakerSubject Subject { get; }

    public CircuitBreakerOptions Options { get; }

    /// <summary>The operator's reason while suspended by hand; null otherwise.</summary>
    public string? SuspensionReason { get; private set; }

    public bool IsSuspended => SuspensionReason is not null;

    /// <summary>When the breaker last opened; meaningful while Open or HalfOpen.</summary>
    public DateTimeOffset OpenedAt => _openedAt;

    private BreakerState Stored { get; set; } = BreakerState.Closed;

    /// <summary>The state at <paramref name="now"/>: an Open breaker whose open duration has passed reads HalfOpen.</summary>
    public BreakerState State(DateTimeOffset now) =>
        Stored == BreakerState.Open && now >= _openedAt + Options.OpenDuration ? BreakerState.HalfOpen : Stored;

    /// <summary>True when traffic may pass: not suspended and not Open (HalfOpen lets trials through).</summary>
    public bool Allows(DateTimeOffset now) => !IsSuspended && State(now) != BreakerState.Open;

    /// <summary>Applies the passage of time: reports Open → HalfOpen once, when the open duration has passed.</summary>
    public IReadOnlyList<BreakerEvent> Advance(DateTimeOffset now)
    {
        now = Monotonic(now);
        if (Stored == BreakerState.Open && now >= _openedAt + Options.OpenDuration)
        {
            Stored = BreakerState.HalfOpen;
            _trialSuccesses = 0;
            return [Event(BreakerTransition.HalfOpened, BreakerState.Open, BreakerState.HalfOpen, BreakerCause.OpenDurationElapsed, now, Invariant($"{Subject} has been open for {Options.OpenDuration}; letting {Options.HalfOpenTrials} trial(s) through."))];
        }

        return [];
    }

    /// <summary>
    /// Counts one outcome at <paramref name="now"/> and returns the transitions it causes. A time earlier than one
    /// already seen is taken as the latest seen, so late reports cannot move the window backwards. Outcomes
    /// reported while Open are not counted: the window starts afresh after every trip and recovery.
    /// </summary>
    public IReadOnlyList<BreakerEvent> Record(BreakerOutcome outcome, DateTimeOffset now)
    {
        now = Monotonic(now);
        var events = new List<BreakerEvent>(Advance(now));
        switch (Stored)
        {
            case BreakerState.Closed:
                _recent.Add(now, outcome);
                _recent.DropUpTo(now - Options.Window);
                if (Trigger() is (BreakerCause cause, string why))
                {
                    Open(now);
                    events.Add(Event(BreakerTransition.Tripped, BreakerState.Closed, BreakerState.Open, cause, now, why));
                }

                break;

            case BreakerState.HalfOpen when IsBad(outcome):
                Open(now);
                events.Add(Event(BreakerTransition.Retripped, BreakerState.HalfOpen, BreakerState.Open, CauseOf(outcome), now, Invariant($"{Subject} had a trial outcome {outcome} while half-open.")));
                break;

            case BreakerState.HalfOpen:
                _trialSuccesses++;
                if (_trialSuccesses >= Options.HalfOpenTrials)
                {
                    Stored = BreakerState.Closed;
                    _recent.Clear();
                    _changedAt = now;
                    events.Add(Event(BreakerTransition.Recovered, BreakerState.HalfOpen, BreakerState.Closed, BreakerCause.TrialsSucceeded, now, Invariant($"{Subject} passed {_trialSuccesses} trial(s) in a row.")));
                }

                break;

            default:
                break; // Open: not counted.
        }

        return events;
    }

    /// <summary>Suspends by hand: refused whatever the breaker's state until <see cref="Resume"/>. No event when already suspended.</summary>
    public IReadOnlyList<BreakerEvent> Suspend(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsSuspended)
        {
            return [];
        }

        SuspensionReason = reason;
        BreakerState state = State(now);
        return [Event(BreakerTransition.Suspended, state, state, BreakerCause.Operator, Monotonic(now), reason)];
    }

    /// <summary>Lifts an operator's suspension; the breaker's own state is unchanged. No event when not suspended.</summary>
    public IReadOnlyList<BreakerEvent> Resume(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!IsSuspended)
        {
            return [];
        }

        SuspensionReason = null;
        BreakerState state = State(now);
        return [Event(BreakerTransition.Resumed, state, state, BreakerCause.Operator, Monotonic(now), reason)];
    }

    /// <summary>Closes the breaker by hand and forgets the window (a suspension stays). No event when already Closed.</summary>
    public IReadOnlyList<BreakerEvent> Reset(string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        BreakerState state = State(now);
        _recent.Clear();
        if (state == BreakerState.Closed)
        {
            return [];
        }

        Stored = BreakerState.Closed;
        _changedAt = Monotonic(now);
        return [Event(BreakerTransition.Reset, state, BreakerState.Closed, BreakerCause.Operator, _changedAt, reason)];
    }

    /// <summary>
    /// Applies a transition that another instance's breaker for the same subject made (and recorded and published), so
    /// that every instance refuses and lets through alike. <paramref name="to"/> Open: this breaker opens as of
    /// <paramref name="at"/>, refusing until <c>at + OpenDuration</c> and then letting trials through as usual. Closed
    /// (a recovery or a reset): it closes and forgets its window. HalfOpen is not applied: it follows from the open time.
    /// A transition no newer than this breaker's own last trip, recovery or reset is stale and ignored, which also makes
    /// an instance's own transitions, coming back from the bus, change nothing. Returns whether the breaker changed; it
    /// returns no events, since the instance that made the transition has recorded and published it already.
    /// </summary>
    public bool Apply(BreakerState to, DateTimeOffset at)
    {
        if (at <= _changedAt)
        {
            return false;
        }

        switch (to)
        {
            case BreakerState.Open:
                Open(at);
                return true;

            case BreakerState.Closed when Stored != BreakerState.Closed:
                Stored = BreakerState.Closed;
                _trialSuccesses = 0;
                _recent.Clear();
                _changedAt = at;
                return true;

            default:
                return false;
        }
    }

    private static bool IsBad(BreakerOutcome outcome) =>
        outcome is BreakerOutcome.Rejected or BreakerOutcome.CapBreach or BreakerOutcome.SettlementFailed;

    private static BreakerCause CauseOf(BreakerOutcome outcome) => outcome switch
    {
        BreakerOutcome.CapBreach => BreakerCause.CapBreaches,
        BreakerOutcome.SettlementFailed => BreakerCause.SettlementFailures,
        _ => BreakerCause.RejectRate,
    };

    private (BreakerCause Cause, string Why)? Trigger()
    {
        (int transactions, int refused, int breaches, int failures) = (_recent.Transactions, _recent.Refused, _recent.Breaches, _recent.Failures);

        // Settlement failures first: they cost the scheme money, the others only traffic.
        if (Options.SettlementFailureThreshold is int maxFailures && failures >= maxFailures)
        {
            return (BreakerCause.SettlementFailures, Invariant($"{Subject} had {failures} settlement failure(s) within {Options.Window} (threshold {maxFailures})."));
        }

        if (Options.CapBreachThreshold is int maxBreaches && breaches >= maxBreaches)
        {
            return (BreakerCause.CapBreaches, Invariant($"{Subject} had {breaches} cap breach(es) within {Options.Window} (threshold {maxBreaches})."));
        }

        if (Options.RejectRateThreshold is decimal maxRate && transactions >= Options.MinimumVolume && transactions > 0)
        {
            decimal rate = (decimal)refused / transactions;
            if (rate >= maxRate)
            {
                return (BreakerCause.RejectRate, Invariant($"{Subject} had {refused} of {transactions} transactions refused within {Options.Window} ({rate:P1}, threshold {maxRate:P1})."));
            }
        }

        return null;
    }

    private void Open(DateTimeOffset now)
    {
        Stored = BreakerState.Open;
        _openedAt = now;
        _changedAt = now;
        _trialSuccesses = 0;
        _recent.Clear();
    }

    private DateTimeOffset Monotonic(DateTimeOffset now)
    {
        if (now > _lastSeen)
        {
            _lastSeen = now;
        }

        return _lastSeen;
    }

    private BreakerEvent Event(BreakerTransition transition, BreakerState from, BreakerState to, BreakerCause cause, DateTimeOffset at, string explanation) =>
        new(Subject, transition, from, to, cause, at, explanation);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
