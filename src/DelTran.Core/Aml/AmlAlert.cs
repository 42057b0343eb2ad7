namespace DelTran.Core.Aml;

/// <summary>A rule's outcome: which rule, how serious, why, and whether the rulebook makes it a rejection.</summary>
public sealed record AmlAlert(string RuleId, AmlSeverity Severity, string Explanation, bool Reject, string? ReasonCode);
