namespace DelTran.Core.Aml;

/// <summary>
/// Structuring: at least <see cref="Count"/> payments from one debtor in one currency within <see cref="Window"/>,
/// each just below the reporting threshold, i.e. in [threshold × (1 − <see cref="Band"/>), threshold).
/// </summary>
public sealed record StructuringRule(int Count, decimal Band, AmlRuleSettings Settings)
{
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);
}
