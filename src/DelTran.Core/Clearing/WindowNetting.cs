using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Netting;

namespace DelTran.Core.Clearing;

/// <summary>
/// Judges a closing window's netting before settlement: the nets must conserve money (<see cref="Conservation"/>) and
/// match the count and sum the close recorded in its own transaction, so anything that changed the window's obligations
/// since (a late write, a manual edit) fails the window before money moves; and a window holds one currency only.
/// </summary>
public static class WindowNetting
{
    public static WindowNettingVerdict Judge(string windowId, Currency currency, NettingResult result, long recordedCount, decimal recordedSum)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<ConservationViolation> violations = Conservation.Check(result, new Dictionary<Currency, (long Count, decimal Sum)> { [currency] = (recordedCount, recordedSum) });
        if (result.Totals.Any(t => t.Currency != currency))
        {
            violations = [.. violations, new ConservationViolation(currency, "single-currency", $"Window {windowId} of {currency.Code} holds obligations in another currency.")];
        }

        if (violations.Count > 0)
        {
            return new WindowNettingVerdict(WindowState.Failed, "Conservation check failed before settlement: " + string.Join(" ", violations.Select(v => v.Message)), 0m);
        }

        decimal efficiency = result.Totals.Count == 0 ? 0m : result.Totals[0].Efficiency;
        string cause = string.Create(CultureInfo.InvariantCulture, $"netted {recordedCount} obligations, sum {recordedSum} {currency.Code}, {result.Positions.Count} positions, efficiency {NettingEfficiency.Percent(efficiency)}");
        return new WindowNettingVerdict(WindowState.Netted, cause, efficiency);
    }
}
