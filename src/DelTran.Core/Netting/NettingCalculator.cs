using System.Runtime.InteropServices;
using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>
/// Multilateral netting of one window's obligations, fed one obligation at a time. Memory grows with the number of
/// distinct (debtor, creditor, currency) flows, never with the number of obligations, so a window of millions of
/// obligations can be streamed from the database. The result does not depend on the order of <see cref="Add"/> calls:
/// decimal addition of in-range amounts is exact, and the output is sorted.
/// </summary>
public sealed class NettingCalculator
{
    private readonly Dictionary<FlowKey, Flow> _flows = [];

    /// <summary>Obligations added so far.</summary>
    public long ObligationCount { get; private set; }

    /// <summary>Distinct (debtor, creditor, currency) flows held: the calculator's memory, independent of <see cref="ObligationCount"/>.</summary>
    public int DistinctFlows => _flows.Count;

    /// <summary>Adds one obligation: <paramref name="debtor"/> owes <paramref name="creditor"/> <paramref name="amount"/>.</summary>
    /// <exception cref="ArgumentException">A participant is missing, both are the same, the currency is unset or the amount is not positive.</exception>
    public void Add(string debtor, string creditor, Money amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(debtor);
        ArgumentException.ThrowIfNullOrWhiteSpace(creditor);
        if (string.Equals(debtor, creditor, StringComparison.Ordinal))
        {
            // An on-us payment never reaches netting; one here is a bug upstream.
            throw new ArgumentException($"Participant '{debtor}' cannot owe itself.", nameof(creditor));
        }

        if (amount.Currency.Code is null)
        {
            throw new ArgumentException("The amount carries no currency.", nameof(amount));
        }

        if (amount.Amount <= 0m)
        {
            throw new ArgumentException($"An obligation amount must be positive, not {amount}.", nameof(amount));
        }

        ref Flow flow = ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, new FlowKey(debtor, creditor, amount.Currency), out _);
        flow.Sum += amount.Amount;
        flow.Count++;
        ObligationCount++;
    }

    /// <summary>Nets what was added so far. The calculator is left unchanged, so it may be called again after more adds.</summary>
    public NettingResult Complete()
    {
        var positions = new Dictionary<(string Participant, Currency Currency), PositionSums>();
        var bilateral = new Dictionary<(string A, string B, Currency Currency), (decimal AOwesB, decimal BOwesA)>();
        var totals = new Dictionary<Currency, (long Count, decimal Sum)>();

        foreach ((FlowKey key, Flow flow) in _flows)
        {
            ref PositionSums debtor = ref CollectionsMarshal.GetValueRefOrAddDefault(positions, (key.Debtor, key.Currency), out _);
            debtor.Debit += flow.Sum;
            debtor.Paid += flow.Count;

            ref PositionSums creditor = ref CollectionsMarshal.GetValueRefOrAddDefault(positions, (key.Creditor, key.Currency), out _);
            creditor.Credit += flow.Sum;
            creditor.Received += flow.Count;

            bool debtorIsA = string.CompareOrdinal(key.Debtor, key.Creditor) < 0;
            (string a, string b) = debtorIsA ? (key.Debtor, key.Creditor) : (key.Creditor, key.Debtor);
            ref (decimal AOwesB, decimal BOwesA) pair = ref CollectionsMarshal.GetValueRefOrAddDefault(bilateral, (a, b, key.Currency), out _);
            if (debtorIsA)
            {
                pair.AOwesB += flow.Sum;
            }
            else
            {
                pair.BOwesA += flow.Sum;
            }

            ref (long Count, decimal Sum) total = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, key.Currency, out _);
            total.Count += flow.Count;
            total.Sum += flow.Sum;
        }

        List<NetPosition> netPositions = positions
            .Select(p => new NetPosition(p.Key.Participant, p.Key.Currency, p.Value.Debit, p.Value.Credit, checked((int)p.Value.Paid), checked((int)p.Value.Received)))
            .OrderBy(p => p.Currency.Code, StringComparer.Ordinal)
            .ThenBy(p => p.Participant, StringComparer.Ordinal)
            .ToList();

        List<BilateralPosition> pairs = bilateral
            .Select(p => new BilateralPosition(p.Key.A, p.Key.B, p.Key.Currency, p.Value.AOwesB, p.Value.BOwesA))
            .OrderBy(p => p.Currency.Code, StringComparer.Ordinal)
            .ThenBy(p => p.ParticipantA, StringComparer.Ordinal)
            .ThenBy(p => p.ParticipantB, StringComparer.Ordinal)
            .ToList();

        List<CurrencyNettingTotals> currencyTotals = totals
            .OrderBy(t => t.Key.Code, StringComparer.Ordinal)
            .Select(t => Totals(t.Key, t.Value.Count, t.Value.Sum, netPositions))
            .ToList();

        return new NettingResult(netPositions, pairs, currencyTotals);
    }

    private static CurrencyNettingTotals Totals(Currency currency, long count, decimal sum, List<NetPosition> positions)
    {
        decimal debits = 0m, credits = 0m, nets = 0m, absoluteNets = 0m;
        foreach (NetPosition position in positions)
        {
            if (position.Currency == currency)
            {
                debits += position.Debit;
                credits += position.Credit;
                nets += position.Net;
                absoluteNets += Math.Abs(position.Net);
            }
        }

        return new CurrencyNettingTotals(currency, count, sum, debits, credits, nets, absoluteNets);
    }

    private readonly record struct FlowKey(string Debtor, string Creditor, Currency Currency);

    private struct Flow
    {
        public decimal Sum;
        public long Count;
    }

    private struct PositionSums
    {
        public decimal Debit;
        public decimal Credit;
        public long Paid;
        public long Received;
    }
}
