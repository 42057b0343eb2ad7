namespace DelTran.Host.Checks.Fx;

/// <summary>One inline quote: "USD/INR", bid, ask, and a validity with an explicit offset, e.g. 2026-11-24T00:00:00Z.</summary>
public sealed class FxRateOptions
{
    public string Pair { get; set; } = string.Empty;

    public decimal Bid { get; set; }

    public decimal Ask { get; set; }

    public string ValidFrom { get; set; } = string.Empty;

    public string ValidTo { get; set; } = string.Empty;
}
