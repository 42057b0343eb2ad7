namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A circuit breaker's transition (tripped, half-opened, recovered, ...), append only.</summary>
public sealed class BreakerEventRow
{
    public long Id { get; set; }

    /// <summary>"participant SRCBINBB" or "corridor IN->AE INR" (BreakerSubject.ToString).</summary>
    public required string Subject { get; set; }

    public required string Transition { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public required string Cause { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Explanation { get; set; }
}
