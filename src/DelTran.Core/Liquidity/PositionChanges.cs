namespace DelTran.Core.Liquidity;

/// <summary>
/// The one rule for what an obligation does to the open window's running positions, used by both position stages:
/// accepted, it debits its debtor and credits its creditor by its amount (so the changes sum to zero per currency);
/// refused after risk applied it, the same amounts are given back. No stage writes this arithmetic itself.
/// </summary>
public static class PositionChanges
{
    /// <summary>Adds an accepted obligation to <paramref name="positions"/> and to the <paramref name="changes"/> the caller saves.</summary>
    public static void Accept(Dictionary<PositionKey, decimal> positions, Dictionary<PositionKey, decimal> changes, ObligationCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Move(positions, changes, candidate, candidate.Amount.Amount);
    }

    /// <summary>Gives back an obligation that an earlier stage applied and a later one refused.</summary>
    public static void Release(Dictionary<PositionKey, decimal> positions, Dictionary<PositionKey, decimal> changes, ObligationCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Move(positions, changes, candidate, -candidate.Amount.Amount);
    }

    /// <summary>The positions as they were before <paramref name="applied"/>, which they already hold, were accepted.</summary>
    public static Dictionary<PositionKey, decimal> Before(IReadOnlyDictionary<PositionKey, decimal> positions, IEnumerable<ObligationCandidate> applied)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(applied);
        var before = new Dictionary<PositionKey, decimal>(positions);
        var ignored = new Dictionary<PositionKey, decimal>();
        foreach (ObligationCandidate candidate in applied)
        {
            Release(before, ignored, candidate);
        }

        return before;
    }

    private static void Move(Dictionary<PositionKey, decimal> positions, Dictionary<PositionKey, decimal> changes, ObligationCandidate candidate, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(changes);
        Add(positions, changes, candidate.DebtorKey, -amount);
        Add(positions, changes, candidate.CreditorKey, amount);
    }

    private static void Add(Dictionary<PositionKey, decimal> positions, Dictionary<PositionKey, decimal> changes, PositionKey key, decimal delta)
    {
        positions[key] = positions.GetValueOrDefault(key) + delta;
        changes[key] = changes.GetValueOrDefault(key) + delta;
    }
}
