using DelTran.Core.Liquidity;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Checks;

/// <summary>The position stages' loading and saving: a transaction as Core's candidate, position rows locked in key order, and Core's changes written back.</summary>
public static class Positions
{
    public static ObligationCandidate Candidate(TransactionRow row) => new(
        row.Id.ToString(),
        ValidatedPayment.DebtorAgent(row),
        ValidatedPayment.CreditorAgent(row),
        ValidatedPayment.Amount(row));

    /// <summary>The keys of every candidate's debtor and creditor position.</summary>
    public static IEnumerable<PositionKey> Keys(IEnumerable<ObligationCandidate> candidates) =>
        candidates.SelectMany(c => new[] { c.DebtorKey, c.CreditorKey });

    public static async Task<Dictionary<PositionKey, PositionRow>> LockAsync(DelTranDbContext db, IDatabaseDialect dialect, IEnumerable<PositionKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var wanted = keys.Distinct().ToList();
        List<PositionRow> rows = await dialect.LockPositionsAsync(db, wanted, cancellationToken);
        return rows.ToDictionary(r => new PositionKey(r.ParticipantBic, r.Currency));
    }

    public static Dictionary<PositionKey, decimal> NetPositions(Dictionary<PositionKey, PositionRow> rows) =>
        rows.ToDictionary(p => p.Key, p => p.Value.NetPosition);

    public static void Apply(Dictionary<PositionKey, PositionRow> rows, IReadOnlyDictionary<PositionKey, decimal> changes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(changes);
        foreach ((PositionKey key, decimal change) in changes)
        {
            rows[key].NetPosition += change;
        }
    }
}
