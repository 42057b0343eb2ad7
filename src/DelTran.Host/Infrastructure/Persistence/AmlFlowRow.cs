using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// A payment that passed compliance, as the AML rules remember it: the customer's key (never a name or account
/// number), the corridor, the amount. Structuring and velocity count these over their windows.
/// </summary>
public sealed class AmlFlowRow
{
    public Guid TransactionId { get; set; }

    public required string DebtorKey { get; set; }

    /// <summary>"IN->AE INR": the corridor includes its currency.</summary>
    public required Corridor Corridor { get; set; }

    public required Currency Currency { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset At { get; set; }
}
