using DelTran.Core.Liquidity;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>Settlement accounts read as Core's <see cref="AvailableFunds"/>, keyed by participant and currency.</summary>
public static class AvailableFundsQuery
{
    public static async Task<Dictionary<PositionKey, AvailableFunds>> ForParticipantsAsync(DelTranDbContext db, IReadOnlyCollection<string> participants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.SettlementAccounts.AsNoTracking().Where(a => participants.Contains(a.ParticipantBic)).ToListAsync(cancellationToken))
            .ToDictionary(a => new PositionKey(a.ParticipantBic, a.Currency), a => new AvailableFunds(a.Balance, a.CreditLine, a.Reserved));
    }
}
