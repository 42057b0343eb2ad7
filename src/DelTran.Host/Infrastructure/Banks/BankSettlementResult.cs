namespace DelTran.Host.Infrastructure.Banks;

/// <summary>Confirmed with the bank's confirmation id, or failed with one of <see cref="BankFailureCodes"/>.</summary>
public sealed record BankSettlementResult(bool Confirmed, string? ConfirmationId, string? FailureCode, string? FailureMessage)
{
    /// <summary>When the bank says it booked the instruction; a replayed answer gives the first booking's time.</summary>
    public DateTimeOffset? BookedAt { get; init; }

    public static BankSettlementResult ConfirmedAs(string confirmationId, DateTimeOffset? bookedAt = null) => new(true, confirmationId, null, null) { BookedAt = bookedAt };

    public static BankSettlementResult FailedWith(string failureCode, string message) => new(false, null, failureCode, message);
}
