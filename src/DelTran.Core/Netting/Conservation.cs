using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>
/// Checks that netting neither created nor lost money before a window may settle: nets sum to zero per currency,
/// gross debits equal gross credits equal the sum of the window's obligations, and the window's obligation count
/// and sum agree with what the database holds (computed independently, e.g. by a SQL aggregate).
/// </summary>
public static class Conservation
{
    /// <summary>Σ net over the participants of a currency is not zero.</summary>
    public const string NetsSumToZero = "NETS_SUM_TO_ZERO";

    /// <summary>Gross debits differ from gross credits.</summary>
    public const string GrossBalanced = "GROSS_BALANCED";

    /// <summary>Gross debits differ from the sum of the obligations netted.</summary>
    public const string GrossEqualsObligations = "GROSS_EQUALS_OBLIGATIONS";

    /// <summary>Obligations paid or received over the participants differ from the obligations netted.</summary>
    public const string CountsBalanced = "COUNTS_BALANCED";

    /// <summary>The totals row disagrees with the positions it summarises.</summary>
    public const string TotalsMatchPositions = "TOTALS_MATCH_POSITIONS";

    /// <summary>A participant's bilateral nets do not add up to its multilateral net.</summary>
    public const string BilateralMatchesNet = "BILATERAL_MATCHES_NET";

    /// <summary>The number of obligations netted differs from the number the database holds for the window.</summary>
    public const string CountMatchesWindow = "COUNT_MATCHES_WINDOW";

    /// <summary>The sum of obligations netted differs from the sum the database holds for the window.</summary>
    public const string SumMatchesWindow = "SUM_MATCHES_WINDOW";

    /// <summary>
    /// Every rule the result breaks, ordered by currency then rule; empty when the window may settle.
    /// A currency present on one side only is checked against zero obligations on the other.
    /// </summary>
    public static IReadOnlyList<ConservationViolation> Check(NettingResult result, IReadOnlyDictionary<Currency, (long Count, decimal Sum)> expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expected);

        var violations = new List<ConservationViolation>();
        IEnumerable<Currency> currencies = result.Totals.Select(t => t.Currency)
            .Concat(result.Positions.Select(p => p.Currency))
            .Concat(expected.Keys)
            .Distinct()
            .OrderBy(c => c.Code, StringComparer.Ordinal);

        foreach (Currency currency in currencies)
        {
            CheckCurrency(result, currency, expected.TryGetValue(currency, out (long Count, decimal Sum) window) ? window : (0, 0m), violations);
        }

        return violations;
    }

    private static void CheckCurrency(NettingResult result, Currency currency, (long Count, decimal Sum) window, List<ConservationViolation> violations)
    {
        CurrencyNettingTotals totals = result.Totals.FirstOrDefault(t => t.Currency == currency)
            ?? new CurrencyNettingTotals(currency, 0, 0m, 0m, 0m, 0m, 0m);
        List<NetPosition> positions = result.Positions.Where(p => p.Currency == currency).ToList();

        // Recomputed from the positions, so a totals row that was altered or built elsewhere cannot vouch for itself.
        decimal debits = positions.Sum(p => p.Debit);
        decimal credits = positions.Sum(p => p.Credit);
        decimal nets = positions.Sum(p => p.Net);
        decimal absoluteNets = positions.Sum(p => Math.Abs(p.Net));
        long paid = positions.Sum(p => (long)p.ObligationsPaid);
        long received = positions.Sum(p => (long)p.ObligationsReceived);

        void Report(string rule, string message) => violations.Add(new ConservationViolation(currency, rule, currency.Code + ": " + message));
        string Format(decimal amount) => Money.FormatAmount(amount, currency);

        if (nets != 0m)
        {
            Report(NetsSumToZero, $"the participants' net positions sum to {Format(nets)} instead of zero.");
        }

        if (debits != credits)
        {
            Report(GrossBalanced, $"gross debits of {Format(debits)} differ from gross credits of {Format(credits)}.");
        }

        if (debits != totals.ObligationSum)
        {
            Report(GrossEqualsObligations, $"gross debits of {Format(debits)} differ from the {Format(totals.ObligationSum)} of obligations netted.");
        }

        if (paid != totals.ObligationCount || received != totals.ObligationCount)
        {
            Report(CountsBalanced, Invariant($"{totals.ObligationCount} obligations were netted but participants paid {paid} and received {received}."));
        }

        if (totals.GrossDebits != debits || totals.GrossCredits != credits || totals.SumOfNets != nets || totals.SumOfAbsoluteNets != absoluteNets)
        {
            Report(TotalsMatchPositions, "the totals row does not match the participants' positions it summarises.");
        }

        // Each participant's bilateral nets, summed in one pass over the pairs.
        var bilateral = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (BilateralPosition pair in result.Bilateral.Where(b => b.Currency == currency))
        {
            bilateral[pair.ParticipantA] = bilateral.GetValueOrDefault(pair.ParticipantA) + pair.Net;
            bilateral[pair.ParticipantB] = bilateral.GetValueOrDefault(pair.ParticipantB) - pair.Net;
        }

        Dictionary<string, decimal> multilateral = positions
            .GroupBy(p => p.Participant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Net), StringComparer.Ordinal);
        foreach (string participant in multilateral.Keys.Union(bilateral.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            decimal bilateralNet = bilateral.GetValueOrDefault(participant);
            decimal net = multilateral.GetValueOrDefault(participant);
            if (bilateralNet != net)
            {
                Report(BilateralMatchesNet, $"{participant}'s bilateral nets sum to {Format(bilateralNet)} but its net position is {Format(net)}.");
            }
        }

        if (totals.ObligationCount != window.Count)
        {
            Report(CountMatchesWindow, Invariant($"the window holds {window.Count} obligations in the database but {totals.ObligationCount} were netted."));
        }

        if (totals.ObligationSum != window.Sum)
        {
            Report(SumMatchesWindow, $"the window's obligations sum to {Format(window.Sum)} in the database but {Format(totals.ObligationSum)} were netted.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
