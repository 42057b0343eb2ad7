using DelTran.Core.Amounts;

namespace DelTran.Core.Aml;

/// <summary>
/// Velocity over a sliding <see cref="Window"/>: more than <see cref="MaxCount"/> payments, or more than the
/// currency's <see cref="MaxAmounts"/> in total (payments in that currency only), counting the one assessed.
/// </summary>
public sealed record VelocityRule(TimeSpan Window, int? MaxCount, IReadOnlyDictionary<Currency, decimal> MaxAmounts, AmlRuleSettings Settings);
