namespace DelTran.Host.Api;

/// <summary>A participant suspended or resumed by an operator.</summary>
public sealed record ParticipantSuspension(string Participant, bool Suspended, string By, string Reason);
