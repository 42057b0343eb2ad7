using DelTran.Core.Amounts;

namespace DelTran.Core.Aml;

/// <summary>
/// What the rules need to know of the payments before one, each within its rule's window ending at the payment's time:
/// the debtor's payments just below the threshold in its currency (structuring), the debtor's volume, and the corridor's.
/// </summary>
public sealed record AmlPriorActivity(int JustBelowThreshold, AmlVolume Debtor, AmlVolume Corridor)
{
    public static readonly AmlPriorActivity None = new(0, default, default);

    /// <summary>
    /// The prior activity of <paramref name="transaction"/> in a list of recent flows, each window taken as
    /// (At − window, At]. A flow with the transaction's own id is ignored, so a history may include it.
    /// </summary>
    public static AmlPriorActivity From(AmlTransaction transaction, IReadOnlyList<AmlFlow> history, AmlRulebook rulebook)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rulebook);

        Currency currency = transaction.Amount.Currency;
        int justBelow = 0;
        if (rulebook.Structuring is { } structuring && rulebook.StructuringBand(currency) is (decimal floor, decimal ceiling))
        {
            justBelow = Within(history, transaction, structuring.Window)
                .Count(f => f.DebtorId == transaction.DebtorId && f.Amount.Currency == currency && f.Amount.Amount >= floor && f.Amount.Amount < ceiling);
        }

        AmlVolume debtor = rulebook.DebtorVelocity is { } debtorRule
            ? Volume(Within(history, transaction, debtorRule.Window).Where(f => f.DebtorId == transaction.DebtorId), currency)
            : default;
        AmlVolume corridor = rulebook.CorridorVelocity is { } corridorRule
            ? Volume(Within(history, transaction, corridorRule.Window).Where(f => f.Corridor == transaction.Corridor), currency)
            : default;
        return new AmlPriorActivity(justBelow, debtor, corridor);
    }

    private static AmlVolume Volume(IEnumerable<AmlFlow> flows, Currency currency)
    {
        AmlVolume volume = default;
        foreach (AmlFlow flow in flows)
        {
            volume = volume.Plus(flow.Amount, currency);
        }

        return volume;
    }

    private static IEnumerable<AmlFlow> Within(IReadOnlyList<AmlFlow> history, AmlTransaction transaction, TimeSpan window) =>
        history.Where(f =>
            !string.Equals(f.TransactionId, transaction.TransactionId, StringComparison.Ordinal)
            && f.At > transaction.At - window
            && f.At <= transaction.At);
}
