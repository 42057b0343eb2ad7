namespace DelTran.Core.Aml;

/// <summary>Every alert for one transaction; it is rejected when any alert says so, with the first such alert's code.</summary>
public sealed record AmlAssessment(string TransactionId, IReadOnlyList<AmlAlert> Alerts)
{
    public bool Reject => Alerts.Any(a => a.Reject);

    public string? ReasonCode => Alerts.FirstOrDefault(a => a.Reject)?.ReasonCode;

    public string? Explanation => Alerts.FirstOrDefault(a => a.Reject)?.Explanation;
}
