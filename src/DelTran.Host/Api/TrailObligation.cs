namespace DelTran.Host.Api;

/// <summary>The obligation the transaction became, and its window.</summary>
public sealed record TrailObligation(string Debtor, string Creditor, decimal Amount, string Currency, DateTimeOffset AcceptedAt, string? Window, string? CarriedFrom);
