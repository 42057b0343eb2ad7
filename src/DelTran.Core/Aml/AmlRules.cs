using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Aml;

/// <summary>
/// The AML rules as one plain function: a transaction, a compact history of recent flows (the Host loads the debtor's
/// and the corridor's recent payments), and the rulebook in; alerts out. No clock: windows end at the transaction's
/// own time, as (At − window, At]. A flow with the assessed transaction's id is ignored, so the Host may include it.
/// </summary>
public static class AmlRules
{
    public const string ThresholdRule = "AML-THRESHOLD";
    public const string StructuringRule = "AML-STRUCTURING";
    public const string DebtorVelocityRule = "AML-VELOCITY-DEBTOR";
    public const string CorridorVelocityRule = "AML-VELOCITY-CORRIDOR";
    public const string HighRiskCountryRule = "AML-HIGH-RISK-COUNTRY";

    /// <summary>
    /// RR04 RegulatoryReason for a rule the rulebook makes a rejection, as for a sanctions hit: the payment is refused
    /// under regulation, and the status report must not tip the customer off with more detail than that.
    /// </summary>
    public const string RejectReasonCode = ReasonCode.RR04;

    /// <summary>Runs every enabled rule, in the order of the constants above, and returns their alerts.</summary>
    public static AmlAssessment Assess(AmlTransaction transaction, IReadOnlyList<AmlFlow> history, AmlRulebook rulebook)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Assess(transaction, AmlPriorActivity.From(transaction, history, rulebook), rulebook);
    }

    /// <summary>
    /// The same rules over counts and totals of the payments before this one (<see cref="AmlPriorActivity"/>), which a
    /// database can aggregate without shipping every recent payment of a busy debtor or corridor.
    /// </summary>
    public static AmlAssessment Assess(AmlTransaction transaction, AmlPriorActivity prior, AmlRulebook rulebook)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(rulebook);

        var alerts = new List<AmlAlert>();
        Currency currency = transaction.Amount.Currency;
        decimal amount = transaction.Amount.Amount;
        decimal? threshold = rulebook.ReportingThresholds.TryGetValue(currency, out decimal t) ? t : null;

        if (rulebook.Threshold.Enabled && threshold is decimal limit && amount >= limit)
        {
            alerts.Add(Alert(ThresholdRule, rulebook.Threshold, Invariant($"{transaction.Amount} is at or above the reporting threshold of {Money.FormatAmount(limit, currency)} {currency.Code}.")));
        }

        if (rulebook.Structuring is { Settings.Enabled: true } structuring && rulebook.StructuringBand(currency) is (decimal floor, decimal ceiling)
            && amount >= floor && amount < ceiling)
        {
            int count = 1 + prior.JustBelowThreshold;
            if (count >= structuring.Count)
            {
                alerts.Add(Alert(StructuringRule, structuring.Settings, Invariant(
                    $"Debtor {transaction.DebtorId} made {count} payments in {currency.Code} between {Money.FormatAmount(floor, currency)} and the threshold of {Money.FormatAmount(ceiling, currency)} within {structuring.Window} (limit {structuring.Count}).")));
            }
        }

        if (rulebook.DebtorVelocity is { Settings.Enabled: true } debtorVelocity)
        {
            Velocity(DebtorVelocityRule, debtorVelocity, "debtor " + transaction.DebtorId, transaction, prior.Debtor, alerts);
        }

        if (rulebook.CorridorVelocity is { Settings.Enabled: true } corridorVelocity)
        {
            Velocity(CorridorVelocityRule, corridorVelocity, "corridor " + transaction.Corridor, transaction, prior.Corridor, alerts);
        }

        if (rulebook.HighRiskCountry.Enabled && rulebook.HighRiskCountries.Count > 0)
        {
            List<string> touched = [];
            Touch(touched, "debtor", transaction.DebtorCountry, rulebook);
            Touch(touched, "creditor", transaction.CreditorCountry, rulebook);
            Touch(touched, "debtor agent", transaction.DebtorAgent.CountryCode, rulebook);
            Touch(touched, "creditor agent", transaction.CreditorAgent.CountryCode, rulebook);
            if (touched.Count > 0)
            {
                alerts.Add(Alert(HighRiskCountryRule, rulebook.HighRiskCountry, "High-risk country: " + string.Join(", ", touched) + "."));
            }
        }

        return new AmlAssessment(transaction.TransactionId, alerts);
    }

    /// <summary>
    /// Assesses a batch in order. Each payment's prior activity is what was stored before the batch
    /// (<paramref name="stored"/>) plus the batch's earlier payments that were not rejected, so payments split across
    /// one file are caught as surely as payments spread over a day.
    /// </summary>
    public static IReadOnlyList<AmlAssessment> AssessBatch(IReadOnlyList<AmlTransaction> batch, Func<AmlTransaction, AmlPriorActivity> stored, AmlRulebook rulebook)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rulebook);

        var justBelow = new Dictionary<(string, Currency), int>();
        var debtorCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var debtorTotal = new Dictionary<(string, Currency), decimal>();
        var corridorCount = new Dictionary<Liquidity.Corridor, int>();
        var corridorTotal = new Dictionary<Liquidity.Corridor, decimal>();
        var assessments = new List<AmlAssessment>(batch.Count);
        foreach (AmlTransaction transaction in batch)
        {
            Currency currency = transaction.Amount.Currency;
            (string, Currency) debtorInCurrency = (transaction.DebtorId, currency);
            AmlPriorActivity before = stored(transaction);
            var prior = new AmlPriorActivity(
                before.JustBelowThreshold + justBelow.GetValueOrDefault(debtorInCurrency),
                new AmlVolume(before.Debtor.Count + debtorCount.GetValueOrDefault(transaction.DebtorId), before.Debtor.TotalInCurrency + debtorTotal.GetValueOrDefault(debtorInCurrency)),
                new AmlVolume(before.Corridor.Count + corridorCount.GetValueOrDefault(transaction.Corridor), before.Corridor.TotalInCurrency + corridorTotal.GetValueOrDefault(transaction.Corridor)));
            AmlAssessment assessment = Assess(transaction, prior, rulebook);
            assessments.Add(assessment);
            if (assessment.Reject)
            {
                continue;
            }

            if (rulebook.StructuringBand(currency) is (decimal floor, decimal ceiling) && transaction.Amount.Amount >= floor && transaction.Amount.Amount < ceiling)
            {
                justBelow[debtorInCurrency] = justBelow.GetValueOrDefault(debtorInCurrency) + 1;
            }

            debtorCount[transaction.DebtorId] = debtorCount.GetValueOrDefault(transaction.DebtorId) + 1;
            debtorTotal[debtorInCurrency] = debtorTotal.GetValueOrDefault(debtorInCurrency) + transaction.Amount.Amount;
            corridorCount[transaction.Corridor] = corridorCount.GetValueOrDefault(transaction.Corridor) + 1;
            corridorTotal[transaction.Corridor] = corridorTotal.GetValueOrDefault(transaction.Corridor) + transaction.Amount.Amount;
        }

        return assessments;
    }

    private static void Velocity(string ruleId, VelocityRule rule, string subject, AmlTransaction transaction, AmlVolume prior, List<AmlAlert> alerts)
    {
        int count = prior.Count + 1;
        Currency currency = transaction.Amount.Currency;
        decimal total = transaction.Amount.Amount + prior.TotalInCurrency;
        List<string> breaches = [];
        if (rule.MaxCount is int maxCount && count > maxCount)
        {
            breaches.Add(Invariant($"{count} payments (limit {maxCount})"));
        }

        if (rule.MaxAmounts.TryGetValue(currency, out decimal maxAmount) && total > maxAmount)
        {
            breaches.Add(Invariant($"{Money.FormatAmount(total, currency)} {currency.Code} (limit {Money.FormatAmount(maxAmount, currency)})"));
        }

        if (breaches.Count > 0)
        {
            alerts.Add(Alert(ruleId, rule.Settings, Invariant($"Velocity of {subject} within {rule.Window}: {string.Join(" and ", breaches)}.")));
        }
    }

    private static void Touch(List<string> touched, string party, string? country, AmlRulebook rulebook)
    {
        if (country is not null && rulebook.HighRiskCountries.Contains(country))
        {
            touched.Add(party + " " + country);
        }
    }

    private static AmlAlert Alert(string ruleId, AmlRuleSettings settings, string explanation) =>
        new(ruleId, settings.Severity, explanation, settings.Reject, settings.Reject ? RejectReasonCode : null);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
