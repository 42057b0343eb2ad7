namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>How compliance screened one transaction: against which list set, with what decision and best score.</summary>
public sealed class TransactionScreeningRow
{
    public Guid TransactionId { get; set; }

    public required string ListSetId { get; set; }

    /// <summary>CLEAR, POSSIBLE or HIT.</summary>
    public required string Decision { get; set; }

    public double Score { get; set; }

    public DateTimeOffset ScreenedAt { get; set; }
}
