namespace DelTran.Host.Api;

/// <summary>A breaker reset by an operator: the state it left and the state it is in.</summary>
public sealed record BreakerReset(string Participant, string From, string State, string By, string Reason);
