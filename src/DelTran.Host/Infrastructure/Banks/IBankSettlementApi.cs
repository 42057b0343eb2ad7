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

    /// <summary>What the bank booked under an idempotency key: 200 with its confirmation, 404 when nothing.</summary>
    [Get("/api/v1/settlements/by-key")]
    Task<IApiResponse<BankSettlementConfirmation>> FindAsync([Query] string key, CancellationToken cancellationToken);

    /// <summary>The bank's statement of DelTran's token reserve account in one currency.</summary>
    [Get("/api/v1/accounts/token-reserve/statement")]
    Task<IApiResponse<BankReserveStatement>> ReserveStatementAsync([Query] string currency, CancellationToken cancellationToken);

    [Get("/health")]
    Task<HttpResponseMessage> HealthAsync(CancellationToken cancellationToken);
}
