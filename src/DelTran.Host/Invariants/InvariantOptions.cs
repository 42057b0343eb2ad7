using System.ComponentModel.DataAnnotations;

namespace DelTran.Host.Invariants;

/// <summary>The "DelTran:Invariants" section: how often `serve` checks its own promises.</summary>
public sealed class InvariantOptions
{
    public const string Section = "DelTran:Invariants";

    /// <summary>Minutes between checks (the first runs at start-up); a conservation break fails readiness until a check passes.</summary>
    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 15;
}
