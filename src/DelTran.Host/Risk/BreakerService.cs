using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Risk;

/// <summary>
/// The automatic circuit breakers per participant and per corridor (Core's <see cref="CircuitBreakerBoard"/>), shared
/// by the risk stage and settlement of this instance. The board is a deterministic state machine kept in memory and
/// called under one lock; every transition is written to <c>breaker_events</c> in the caller's transaction and logged.
/// Each instance keeps its own board (see docs/adr/0005): a trip on one instance does not stop the other until it
/// sees the same failures.
/// </summary>
public sealed class BreakerService(IOptions<BreakerSettings> settings, ILogger<BreakerService> logger)
{
    private readonly Lock _gate = new();
    private readonly CircuitBreakerBoard _board = new(settings.Value.Participant, settings.Value.Corridor);

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
                Subject = e.Subject.ToString(),
                Transition = e.Transition.ToString(),
                FromState = e.From.ToString(),
                ToState = e.To.ToString(),
                Cause = e.Cause.ToString(),
                At = e.At,
                Explanation = e.Explanation,
            });
            Outbox.Add(db, new CircuitBreakerChanged(Guid.CreateVersion7(), e.Subject.ToString(), e.Transition.ToString(), e.From.ToString(), e.To.ToString(), e.Cause.ToString(), e.At, e.Explanation), e.At);
            BreakerLog.Changed(logger, e.Subject.ToString(), e.Transition.ToString(), e.Explanation);
        }
    }
}

/// <summary>The "DelTran:Risk:Breakers" section: Core's breaker options for participants and for corridors.</summary>
public sealed class BreakerSettings
{
    public const string Section = "DelTran:Risk:Breakers";

    public CircuitBreakerOptions Participant { get; set; } = new();

    /// <summary>A corridor carries many banks' traffic: it needs more volume before its reject rate means anything.</summary>
    public CircuitBreakerOptions Corridor { get; set; } = new() { MinimumVolume = 50 };
}

internal static partial class BreakerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breaker of {Subject}: {Transition}. {Explanation}")]
    public static partial void Changed(ILogger logger, string subject, string transition, string explanation);
}
