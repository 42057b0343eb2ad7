namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>An operator's decision on a HELD transaction: who, when, what and why. Append only.</summary>
public sealed class ReviewDecisionRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    /// <summary>RELEASE (it continues through the pipeline) or REJECT (RR04).</summary>
    public required string Decision { get; set; }

    public required string Operator { get; set; }

    public required string Comment { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
