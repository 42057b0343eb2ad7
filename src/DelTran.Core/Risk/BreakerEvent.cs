namespace DelTran.Core.Risk;

/// <summary>A change the Host records and publishes: which breaker, what happened, why, and when.</summary>
public sealed record BreakerEvent(
    BreakerSubject Subject,
    BreakerTransition Transition,
    BreakerState From,
    BreakerState To,
    BreakerCause Cause,
    DateTimeOffset At,
    string Explanation);
