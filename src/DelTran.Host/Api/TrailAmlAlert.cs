namespace DelTran.Host.Api;

/// <summary>An AML alert raised on the transaction.</summary>
public sealed record TrailAmlAlert(string Rule, string Severity, string Explanation, bool Rejected, DateTimeOffset At);
