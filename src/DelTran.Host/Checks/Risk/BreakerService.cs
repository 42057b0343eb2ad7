using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Risk;

/// <summary>
/// The automatic circuit breakers per participant and per corridor (Core's <see cref="CircuitBreakerBoard"/>), shared
/// by the risk stage and settlement of this instance. The board is a deterministic state machine kept in memory and
/// called under one lock; every transition is written to <c>breaker_events</c> in the caller's transaction, published
/// through the outbox and logged. Every instance applies the others' trips, recoveries and resets as they arrive
/// (<see cref="Apply"/>) and, when it starts, the breakers left open in <c>breaker_events</c> (<see cref="RestoreAsync"/>),
/// so a breaker tripped on one instance refuses on all of them (docs/adr/0005).
/// </summary>
public sealed class BreakerService(IOptions<BreakerSettings> settings, ILogger<BreakerService> logger)
{
    // The transitions that set a breaker's state; HalfOpened follows from the open time on every instance alike.
    private static readonly BreakerTransition[] StateChanges = [BreakerTransition.Tripped, BreakerTransition.Retripped, BreakerTransition.Recovered, BreakerTransition.Reset];

    private readonly Lock _gate = new();
    private readonly CircuitBreakerBoard _board = new(settings.Value.Participant, settings.Value.Corridor);

    /// <summary>This instance's mark on the transitions it publishes, so it can tell them from the others'.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Runs a Core decision that reads and moves the board (the risk stage's), under the board's lock.</summary>
    public T Decide<T>(Func<CircuitBreakerBoard, T> decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
        {
            return decision(_board);
        }
    }

    public BreakerVerdict Check(Bic debtorAgent, Bic creditorAgent, Corridor corridor, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _board.Check(debtorAgent, creditorAgent, corridor, now);
        }
    }

    public IReadOnlyList<BreakerEvent> RecordTransaction(Bic debtorAgent, Corridor corridor, BreakerOutcome outcome, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _board.RecordTransaction(debtorAgent, corridor, outcome, now);
        }
    }

    public IReadOnlyList<BreakerEvent> RecordSettlement(string participant, bool settled, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _board.RecordSettlement(participant, settled, now);
        }
    }

    public IReadOnlyList<BreakerEvent> Reset(BreakerSubject subject, string reason, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _board.Reset(subject, reason, now);
        }
    }

    /// <summary>
    /// An operator's reset: closes the subject's breaker when it is open or half-open. A closed breaker is left as it is,
    /// its recent outcomes included, and no event is returned: a reset that changed nothing leaves no trace to explain.
    /// </summary>
    public IReadOnlyList<BreakerEvent> ResetIfOpen(BreakerSubject subject, string reason, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _board.Breaker(subject).State(now) == BreakerState.Closed ? [] : _board.Reset(subject, reason, now);
        }
    }

    /// <summary>
    /// Applies a transition another instance published to this instance's board; its own (same <see cref="InstanceId"/>)
    /// are skipped, and Core ignores one older than what the breaker knows, so a late or repeated event changes nothing.
    /// Returns whether the board changed.
    /// </summary>
    public bool Apply(CircuitBreakerChanged change)
    {
        if (string.Equals(change.Origin, InstanceId, StringComparison.Ordinal) || !StateChanges.Any(t => string.Equals(t.ToString(), change.Transition, StringComparison.Ordinal)))
        {
            return false;
        }

        // Written by DelTran's own outbox, so one that does not read is a bug or a version skew between instances: said, never silently dropped.
        if (!BreakerSubject.TryParse(change.Subject, out BreakerSubject subject) || !Enum.TryParse(change.ToState, ignoreCase: false, out BreakerState to))
        {
            BreakerLog.Unreadable(logger, change.Subject, change.ToState, change.Origin ?? "another instance");
            return false;
        }

        bool applied;
        lock (_gate)
        {
            applied = _board.Apply(subject, to, change.At);
        }

        if (applied)
        {
            BreakerLog.Applied(logger, change.Subject, change.Transition, change.Origin ?? "another instance", change.Explanation);
        }

        return applied;
    }

    /// <summary>
    /// Reopens the breakers whose latest trip, recovery or reset in <c>breaker_events</c> is a trip: an instance that
    /// starts after another tripped a breaker refuses like it. A trip older than its open duration restores as
    /// half-open, as it is on the instance that tripped it. Returns how many breakers were reopened.
    /// </summary>
    public async Task<int> RestoreAsync(DelTranDbContext db, CancellationToken cancellationToken)
    {
        // The latest state change per subject (by id, the order they were written in); few rows, one per transition.
        List<long> latest = await db.BreakerEvents.AsNoTracking()
            .Where(e => StateChanges.Contains(e.Transition))
            .GroupBy(e => e.Subject)
            .Select(g => g.Max(e => e.Id))
            .ToListAsync(cancellationToken);
        List<BreakerEventRow> open = await db.BreakerEvents.AsNoTracking()
            .Where(e => latest.Contains(e.Id) && e.ToState == BreakerState.Open)
            .ToListAsync(cancellationToken);
        int reopened = 0;
        foreach (BreakerEventRow row in open)
        {
            if (Apply(new CircuitBreakerChanged(Guid.Empty, row.Subject.ToString(), row.Transition.ToString(), row.FromState.ToString(), row.ToState.ToString(), row.Cause.ToString(), row.At, row.Explanation)))
            {
                reopened++;
            }
        }

        return reopened;
    }

    /// <summary>Every breaker that has seen traffic, with its state now.</summary>
    public IReadOnlyList<(BreakerSubject Subject, BreakerState State, string? SuspensionReason)> Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            return [.. _board.Breakers.Select(b => (b.Subject, b.State(now), b.SuspensionReason))];
        }
    }

    /// <summary>Adds the events to the caller's unit of work (saved with its transaction) with their bus events, and logs them.</summary>
    public void Record(DelTranDbContext db, IEnumerable<BreakerEvent> events)
    {
        foreach (BreakerEvent e in events)
        {
            db.BreakerEvents.Add(new BreakerEventRow
            {
                Subject = e.Subject,
                Transition = e.Transition,
                FromState = e.From,
                ToState = e.To,
                Cause = e.Cause,
                At = e.At,
                Explanation = e.Explanation,
            });
            Outbox.Add(db, new CircuitBreakerChanged(Guid.CreateVersion7(), e.Subject.ToString(), e.Transition.ToString(), e.From.ToString(), e.To.ToString(), e.Cause.ToString(), e.At, e.Explanation, InstanceId), e.At);
            BreakerLog.Changed(logger, e.Subject.ToString(), e.Transition.ToString(), e.Explanation);
        }
    }
}
