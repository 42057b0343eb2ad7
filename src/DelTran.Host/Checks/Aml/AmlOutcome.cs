using DelTran.Core.Aml;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Checks.Aml;

/// <summary>One transaction after the AML rules: its assessment (null when it lacks what they need), its alerts to record and, if it passed, its flow to keep.</summary>
public sealed record AmlOutcome(TransactionRow Row, AmlAssessment Assessment, IReadOnlyList<AmlAlertRow> Alerts, AmlFlowRow? Flow);
