using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Risk;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Checks.Risk;

/// <summary>What the risk stage reads before it locks the positions: suspended participants and the configured limits.</summary>
public static class RiskLimitsQuery
{
    public static async Task<HashSet<string>> SuspendedAsync(DelTranDbContext db, IEnumerable<ObligationCandidate> batch, CancellationToken cancellationToken)
    {
        string[] parties = [.. Parties(batch)];
        return [.. await db.Participants.AsNoTracking().Where(p => parties.Contains(p.Bic) && p.Suspended).Select(p => p.Bic).ToListAsync(cancellationToken)];
    }

    /// <summary>The maxima per currency and corridor, and the net debit caps of <paramref name="participants"/>.</summary>
    public static async Task<RiskLimits> ConfiguredAsync(DelTranDbContext db, DelTranOptions options, IReadOnlyCollection<string> participants, CancellationToken cancellationToken)
    {
        Dictionary<PositionKey, decimal> caps = (await db.RiskLimits.AsNoTracking().Where(l => participants.Contains(l.ParticipantBic)).ToListAsync(cancellationToken))
            .ToDictionary(l => new PositionKey(l.ParticipantBic, l.Currency), l => l.NetDebitCap);
        return new RiskLimits(options.Risk.MaxPerTransaction.ToDictionary(p => Currency.Parse(p.Key), p => p.Value), caps, 0m, options.Risk.CorridorMaximums());
    }

    public static IEnumerable<string> Parties(IEnumerable<ObligationCandidate> batch) =>
        batch.SelectMany(c => new[] { c.Debtor.Institution, c.Creditor.Institution }).Distinct();
}
