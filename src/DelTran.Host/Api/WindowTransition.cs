namespace DelTran.Host.Api;

/// <summary>One move of a window's state, and why.</summary>
public sealed record WindowTransition(DateTimeOffset At, string? From, string To, string Cause);
