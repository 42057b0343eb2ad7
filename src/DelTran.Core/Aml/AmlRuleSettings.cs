namespace DelTran.Core.Aml;

/// <summary>
/// Whether a rule runs, how serious its alert is, and whether the rulebook makes it a rejection. Rules raise alerts
/// for review by default; rejecting is a deliberate, per-rule choice.
/// </summary>
public sealed record AmlRuleSettings(bool Enabled = true, AmlSeverity Severity = AmlSeverity.Medium, bool Reject = false);
