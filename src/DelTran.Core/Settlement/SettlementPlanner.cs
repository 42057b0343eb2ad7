using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Netting;

namespace DelTran.Core.Settlement;

/// <summary>Turns a netted window into settlement instructions, checking each net debtor's funds first.</summary>
public static class SettlementPlanner
{
    /// <summary>
    /// One instruction per participant and currency with a non-zero net: every debit first (collect before paying
    /// out), then every credit, each ordered by participant then currency (ordinal). Ids are
    /// <c>{windowId}-{participant}-{currency}-{D|C}</c>. A net debtor whose |net| exceeds its account's
    /// <see cref="AvailableFunds.Available"/> (no account: nothing available) is a shortfall. Instructions are planned
    /// even when there are shortfalls, so an operator sees the whole picture; <see cref="SettlementPlan.CanSettle"/> decides.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The window id is empty, a participant and currency appear twice, or a currency's nets do not sum to zero:
    /// settling such a plan would pay out money nobody paid in.
    /// </exception>
    public static SettlementPlan Plan(string windowId, IReadOnlyList<NetPosition> positions, IReadOnlyDictionary<PositionKey, AvailableFunds> accounts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(windowId);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(accounts);

        var seen = new HashSet<PositionKey>();
        var netsByCurrency = new Dictionary<Currency, decimal>();
        foreach (NetPosition position in positions)
        {
            if (!seen.Add(new PositionKey(position.Participant, position.Currency)))
            {
                throw new ArgumentException($"{position.Participant}/{position.Currency} appears twice in window {windowId}.", nameof(positions));
            }

            netsByCurrency[position.Currency] = netsByCurrency.GetValueOrDefault(position.Currency) + position.Net;
        }

        foreach ((Currency currency, decimal sum) in netsByCurrency.Where(n => n.Value != 0m))
        {
            throw new ArgumentException($"{currency} nets of window {windowId} sum to {Money.FormatAmount(sum, currency)}, not zero.", nameof(positions));
        }

        List<NetPosition> ordered = positions
            .Where(p => p.Net != 0m)
            .OrderBy(p => p.Net > 0m)
            .ThenBy(p => p.Participant, StringComparer.Ordinal)
            .ThenBy(p => p.Currency.Code, StringComparer.Ordinal)
            .ToList();

        var instructions = new List<SettlementInstruction>(ordered.Count);
        var shortfalls = new List<SettlementShortfall>();
        foreach (NetPosition position in ordered)
        {
            SettlementDirection direction = position.Net < 0m ? SettlementDirection.Debit : SettlementDirection.Credit;
            decimal amount = Math.Abs(position.Net);
            instructions.Add(new SettlementInstruction(
                InstructionId(windowId, position.Participant, position.Currency, direction), windowId, position.Participant, position.Currency, amount, direction));

            if (direction == SettlementDirection.Debit)
            {
                decimal available = accounts.TryGetValue(new PositionKey(position.Participant, position.Currency), out AvailableFunds? account) ? account.Available : 0m;
                if (amount > available)
                {
                    shortfalls.Add(new SettlementShortfall(position.Participant, position.Currency, amount, available));
                }
            }
        }

        return new SettlementPlan(instructions, shortfalls);
    }

    /// <summary>The deterministic id of a participant's instruction in a window: <c>{windowId}-{participant}-{currency}-{D|C}</c>.</summary>
    public static string InstructionId(string windowId, string participant, Currency currency, SettlementDirection direction) =>
        $"{windowId}-{participant}-{currency.Code}-{(direction == SettlementDirection.Debit ? "D" : "C")}";
}
