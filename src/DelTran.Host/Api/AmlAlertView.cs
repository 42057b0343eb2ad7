namespace DelTran.Host.Api;

/// <summary>An AML alert (operators only: never shown to the ordering bank).</summary>
public sealed record AmlAlertView(Guid TransactionId, string RuleId, string Severity, string Explanation, bool Rejected, DateTimeOffset At);
