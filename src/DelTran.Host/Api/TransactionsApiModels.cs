namespace DelTran.Host.Api;

/// <summary>One state move of a transaction: the stage that made it, and why.</summary>
public sealed record TrailEvent(DateTimeOffset At, string Stage, string? From, string To, string? ReasonCode, string? Detail);
