namespace DelTran.Core.Netting;

/// <summary>
/// The outcome of netting one window: each participant's multilateral position, every bilateral pair and the
/// totals per currency. Lists are sorted (ordinal) so two runs over the same obligations compare equal item by item.
/// </summary>
public sealed record NettingResult(
    IReadOnlyList<NetPosition> Positions,
    IReadOnlyList<BilateralPosition> Bilateral,
    IReadOnlyList<CurrencyNettingTotals> Totals);
