using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// The risk stage's limits. Per currency, the largest amount one transaction may carry; a currency without one
/// has no per-transaction maximum. Per participant and currency, the net debit cap: how far below zero the
/// participant's running position in the open window may go. A participant without a configured cap gets
/// <see cref="DefaultNetDebitCap"/>, zero unless configured, which means it may only send what it has received.
/// Per corridor (debtor agent country → creditor agent country, currency), an optional tighter maximum per
/// transaction; a transaction must respect both its currency's and its corridor's maximum.
/// A configured cap is a wish: <see cref="NetDebitCaps"/> bounds it by what the settlement account covers.
/// </summary>
public sealed class RiskLimits
{
    public RiskLimits(
        IReadOnlyDictionary<Currency, decimal> maxPerTransaction,
        IReadOnlyDictionary<PositionKey, decimal> netDebitCaps,
        decimal defaultNetDebitCap = 0m,
        IReadOnlyDictionary<Corridor, decimal>? maxPerCorridorTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(maxPerTransaction);
        ArgumentNullException.ThrowIfNull(netDebitCaps);
        foreach ((Currency currency, decimal max) in maxPerTransaction)
        {
            if (max <= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The maximum per transaction in {currency} must be positive, not {max}."), nameof(maxPerTransaction));
            }
        }

        foreach ((PositionKey key, decimal cap) in netDebitCaps)
        {
            if (cap < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The net debit cap of {key} must be zero or more, not {cap}."), nameof(netDebitCaps));
            }
        }

        if (defaultNetDebitCap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultNetDebitCap), defaultNetDebitCap, "The default net debit cap must be zero or more.");
        }

        maxPerCorridorTransaction ??= new Dictionary<Corridor, decimal>();
        foreach ((Corridor corridor, decimal max) in maxPerCorridorTransaction)
        {
            if (max <= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The maximum per transaction on corridor {corridor} must be positive, not {max}."), nameof(maxPerCorridorTransaction));
            }
        }

        MaxPerTransaction = new Dictionary<Currency, decimal>(maxPerTransaction);
        NetDebitCaps = new Dictionary<PositionKey, decimal>(netDebitCaps);
        DefaultNetDebitCap = defaultNetDebitCap;
        MaxPerCorridorTransaction = new Dictionary<Corridor, decimal>(maxPerCorridorTransaction);
    }

    public IReadOnlyDictionary<Currency, decimal> MaxPerTransaction { get; }

    public IReadOnlyDictionary<PositionKey, decimal> NetDebitCaps { get; }

    public decimal DefaultNetDebitCap { get; }

    public IReadOnlyDictionary<Corridor, decimal> MaxPerCorridorTransaction { get; }

    /// <summary>The largest amount one transaction in <paramref name="currency"/> may carry; null when unlimited.</summary>
    public decimal? MaxFor(Currency currency) => MaxPerTransaction.TryGetValue(currency, out decimal max) ? max : null;

    /// <summary>The largest amount one transaction on <paramref name="corridor"/> may carry; null when the corridor has no maximum of its own.</summary>
    public decimal? MaxFor(Corridor corridor) => MaxPerCorridorTransaction.TryGetValue(corridor, out decimal max) ? max : null;

    public decimal NetDebitCapFor(PositionKey key) => NetDebitCaps.TryGetValue(key, out decimal cap) ? cap : DefaultNetDebitCap;
}
