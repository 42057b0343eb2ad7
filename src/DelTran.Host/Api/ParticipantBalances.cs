namespace DelTran.Host.Api;

/// <summary>A participant's accounts, shown to the participant itself and to operators.</summary>
public sealed record ParticipantBalances(string Participant, string Name, bool Suspended, IReadOnlyList<AccountBalance> Accounts);
