using System.Globalization;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// Net debit caps checked against the money behind them. A cap is only a promise if the settlement account and credit
/// line cover it (Mojaloop project#2880, #3695: a net debit cap above the settlement account's liquidity lets a
/// participant run up a debt the scheme cannot settle). So the cap that applies is the lower of the configured cap and
/// balance + credit line − reserved, and never below zero.
/// </summary>
public static class NetDebitCaps
{
    /// <summary>
    /// Every configured cap (and the default cap, for accounts without a cap of their own) that exceeds what its
    /// account makes available, ordered by participant and currency. Empty when the configuration is sound.
    /// </summary>
    public static IReadOnlyList<CapProblem> Validate(RiskLimits limits, IReadOnlyDictionary<PositionKey, AvailableFunds> accounts)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(accounts);

        var problems = new List<CapProblem>();
        foreach (PositionKey key in Keys(limits, accounts))
        {
            decimal cap = limits.NetDebitCapFor(key);
            if (!accounts.TryGetValue(key, out AvailableFunds? funds))
            {
                if (cap > 0)
                {
                    problems.Add(new CapProblem(key, CapProblemKind.NoSettlementAccount, cap, 0m, Invariant($"{key} has a net debit cap of {cap} but no settlement account in {key.Currency.Code}.")));
                }

                continue;
            }

            if (cap > funds.Available)
            {
                problems.Add(new CapProblem(
                    key,
                    CapProblemKind.ExceedsAvailable,
                    cap,
                    funds.Available,
                    Invariant($"{key} has a net debit cap of {cap}, above balance {funds.Balance} + credit line {funds.CreditLine} − reserved {funds.Reserved} = {funds.Available}.")));
            }
        }

        return problems;
    }

    /// <summary>min(configured cap, balance + credit line − reserved), never below zero; zero without an account.</summary>
    public static decimal Effective(decimal configuredCap, AvailableFunds? funds) =>
        funds is null ? 0m : Math.Max(0m, Math.Min(configuredCap, funds.Available));

    /// <summary>The cap that applies to <paramref name="key"/> given its account (null when it has none).</summary>
    public static decimal Effective(RiskLimits limits, PositionKey key, AvailableFunds? funds)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Effective(limits.NetDebitCapFor(key), funds);
    }

    /// <summary>
    /// The limits to hand to <see cref="RiskEngine.Evaluate"/>: the same maxima, and for every participant with a
    /// configured cap or an account, its effective cap. Anyone else gets a default cap of zero, since no account
    /// stands behind them.
    /// </summary>
    public static RiskLimits Effective(RiskLimits limits, IReadOnlyDictionary<PositionKey, AvailableFunds> accounts)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(accounts);

        var caps = new Dictionary<PositionKey, decimal>();
        foreach (PositionKey key in Keys(limits, accounts))
        {
            caps[key] = Effective(limits, key, accounts.GetValueOrDefault(key));
        }

        return new RiskLimits(limits.MaxPerTransaction, caps, 0m, limits.MaxPerCorridorTransaction);
    }

    private static IEnumerable<PositionKey> Keys(RiskLimits limits, IReadOnlyDictionary<PositionKey, AvailableFunds> accounts) =>
        limits.NetDebitCaps.Keys
            .Union(accounts.Keys)
            .OrderBy(key => key.Participant, StringComparer.Ordinal)
            .ThenBy(key => key.Currency.Code, StringComparer.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
