using DelTran.Core.Risk;

namespace DelTran.Host.Checks.Risk;

/// <summary>The "DelTran:Risk:Breakers" section: Core's breaker options for participants and for corridors.</summary>
public sealed class BreakerSettings
{
    public const string Section = "DelTran:Risk:Breakers";

    public CircuitBreakerOptions Participant { get; set; } = new();

    /// <summary>A corridor carries many banks' traffic: it needs more volume before its reject rate means anything.</summary>
    public CircuitBreakerOptions Corridor { get; set; } = new() { MinimumVolume = 50 };
}
