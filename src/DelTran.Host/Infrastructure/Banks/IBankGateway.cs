namespace DelTran.Host.Infrastructure.Banks;

/// <summary>What the settlement engine calls to move money at the participants' banks.</summary>
public interface IBankGateway
{
    /// <summary>Never throws for bank-side problems: returns Confirmed(confirmationId) or Failed(reasonCode, message).</summary>
    Task<BankSettlementResult> SettleAsync(BankSettlementRequest request, CancellationToken cancellationToken);

    /// <summary>True when every configured bank endpoint answers /health.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

/// <summary>One settlement leg. InstructionId doubles as the idempotency key, so a retry can never book twice.</summary>
public sealed record BankSettlementRequest(
    string InstructionId,
    string WindowId,
    string Participant,
    string Currency,
    decimal Amount,
    string Direction,
    string? ReversalOf);

/// <summary>Confirmed with the bank's confirmation id, or failed with one of <see cref="BankFailureCodes"/>.</summary>
public sealed record BankSettlementResult(bool Confirmed, string? ConfirmationId, string? FailureCode, string? FailureMessage)
{
    /// <summary>When the bank says it booked the instruction; a replayed answer gives the first booking's time.</summary>
    public DateTimeOffset? BookedAt { get; init; }

    public static BankSettlementResult ConfirmedAs(string confirmationId, DateTimeOffset? bookedAt = null) => new(true, confirmationId, null, null) { BookedAt = bookedAt };

    public static BankSettlementResult FailedWith(string failureCode, string message) => new(false, null, failureCode, message);
}

public static class BankFailureCodes
{
    /// <summary>No answer within the attempt or total timeout (or the bank said 408): the outcome is unknown.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>5xx, 429, connection refused, circuit open or no endpoint configured: retry later with the same id.</summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>Any other 4xx: the bank refused the instruction; retrying it unchanged will not help.</summary>
    public const string Rejected = "REJECTED";
}
