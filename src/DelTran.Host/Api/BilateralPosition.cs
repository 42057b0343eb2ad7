namespace DelTran.Host.Api;

/// <summary>What two participants owe each other in a window; <c>netOfA</c> is what A receives net.</summary>
public sealed record BilateralPosition(string ParticipantA, string ParticipantB, string Currency, decimal AOwesB, decimal BOwesA, decimal NetOfA);
