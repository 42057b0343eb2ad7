namespace DelTran.Host.Api;

/// <summary>A recorded breaker transition.</summary>
public sealed record BreakerEventView(string Subject, string Transition, string From, string To, string Cause, DateTimeOffset At, string Explanation);
