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
