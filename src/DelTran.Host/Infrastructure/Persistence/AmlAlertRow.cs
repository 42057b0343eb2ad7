namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>An AML rule's alert on a transaction: which rule, how serious, why, and whether it rejected the payment.</summary>
public sealed class AmlAlertRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public required string RuleId { get; set; }

    public required string Severity { get; set; }

    public required string Explanation { get; set; }

    public bool Rejected { get; set; }

    public DateTimeOffset At { get; set; }
}
