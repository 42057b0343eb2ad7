namespace DelTran.Host.Infrastructure.Banks;

/// <summary>What the settlement engine calls to move money at the participants' banks.</summary>
public interface IBankGateway
{
    /// <summary>Never throws for bank-side problems: returns Confirmed(confirmationId) or Failed(reasonCode, message).</summary>
    Task<BankSettlementResult> SettleAsync(BankSettlementInstruction request, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the participant's bank what it booked under <paramref name="instructionId"/>: confirmed with its confirmation,
    /// null when it booked nothing, or failed (unavailable, timeout) when it cannot tell now. Never throws for bank-side problems.
    /// </summary>
    Task<BankSettlementResult?> FindAsync(string instructionId, string participant, CancellationToken cancellationToken);

    /// <summary>The token reserve's balance in <paramref name="currency"/> by the banks' own statements (summed over every configured bank), or null when a bank cannot answer.</summary>
    Task<decimal?> ReserveBalanceAsync(string currency, CancellationToken cancellationToken);

    /// <summary>True when every configured bank endpoint answers /health.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
