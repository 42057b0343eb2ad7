namespace DelTran.Host.Infrastructure.Banks;

/// <summary>What the settlement engine calls to move money at the participants' banks.</summary>
public interface IBankGateway
{
    /// <summary>Never throws for bank-side problems: returns Confirmed(confirmationId) or Failed(reasonCode, message).</summary>
    Task<BankSettlementResult> SettleAsync(BankSettlementInstruction request, CancellationToken cancellationToken);

    /// <summary>True when every configured bank endpoint answers /health.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
