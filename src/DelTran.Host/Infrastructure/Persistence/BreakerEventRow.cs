using DelTran.Core.Risk;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A circuit breaker's transition (tripped, half-opened, recovered, ...), append only.</summary>
public sealed class BreakerEventRow
{
    public long Id { get; set; }

    /// <summary>Stored as "participant SRCBINBB" or "corridor IN->AE INR" (BreakerSubject.ToString).</summary>
    public required BreakerSubject Subject { get; set; }

    public required BreakerTransition Transition { get; set; }

    public required BreakerState FromState { get; set; }

    public required BreakerState ToState { get; set; }

    public required BreakerCause Cause { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Explanation { get; set; }
}
