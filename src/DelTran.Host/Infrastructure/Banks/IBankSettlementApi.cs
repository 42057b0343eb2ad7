using Refit;

namespace DelTran.Host.Infrastructure.Banks;

/// <summary>A participant's settlement bank over HTTP (the contract DelTran.MockBank plays).</summary>
public interface IBankSettlementApi
{
    /// <summary>Books one instruction; the bank answers the same key with the same body by replaying its answer.</summary>
    [Post("/api/v1/settlements")]
    Task<IApiResponse<BankSettlementConfirmation>> SettleAsync(
        [Header("Idempotency-Key")] string idempotencyKey,
        [Body] BankSettlementInstruction instruction,
        CancellationToken cancellationToken);

    [Get("/health")]
    Task<HttpResponseMessage> HealthAsync(CancellationToken cancellationToken);
}

/// <summary>The wire body of a settlement instruction; Direction is "DEBIT" or "CREDIT".</summary>
public sealed record BankSettlementInstruction(
    string InstructionId,
    string WindowId,
    string Participant,
    string Currency,
    decimal Amount,
    string Direction,
    string? ReversalOf);

/// <summary>The bank's answer to a booked instruction; Status is "CONFIRMED".</summary>
public sealed record BankSettlementConfirmation(string InstructionId, string ConfirmationId, string Status, DateTimeOffset BookedAt);

/// <summary>The body of the bank's non-2xx answers.</summary>
public sealed record BankErrorBody(string? Error, string? Reason);
