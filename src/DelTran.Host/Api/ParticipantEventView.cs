namespace DelTran.Host.Api;

/// <summary>A participant's suspension or resumption as recorded.</summary>
public sealed record ParticipantEventView(string Action, string Operator, string Reason, DateTimeOffset At);
