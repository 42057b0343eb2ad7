namespace DelTran.Host.Api;

/// <summary>A participant's multilateral net position in a window.</summary>
public sealed record NetPosition(string Participant, string Currency, decimal Debit, decimal Credit, decimal Net, int ObligationsPaid, int ObligationsReceived);
