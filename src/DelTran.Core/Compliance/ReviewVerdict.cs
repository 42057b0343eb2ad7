namespace DelTran.Core.Compliance;

/// <summary>
/// An operator's review of a held transaction, decided: the move (<see cref="ComplianceVerdict"/>), the detail its event
/// records (who chose what, and why), and the decision's stored code (<see cref="ComplianceRules.ReleaseCode"/> or
/// <see cref="ComplianceRules.RejectCode"/>).
/// </summary>
public sealed record ReviewVerdict(ComplianceVerdict Move, string EventDetail, string DecisionCode);
