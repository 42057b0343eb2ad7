namespace DelTran.Host.Checks.Aml;

/// <summary>Structuring: at least <see cref="Count"/> payments within <see cref="WindowHours"/>, each within <see cref="Band"/> below the threshold.</summary>
public sealed class StructuringOptions
{
    public bool Enabled { get; set; } = true;

    public int Count { get; set; } = 3;

    /// <summary>How far below the threshold counts as "just below", as a fraction of it: 0.10 watches [90%, 100%).</summary>
    public decimal Band { get; set; } = 0.10m;

    public double WindowHours { get; set; } = 24;

    public bool Reject { get; set; }
}
