using DelTran.Core.Fx;

namespace DelTran.Host.Checks.Fx;

/// <summary>What is in force: the last version loaded (null when none ever was), and the last one refused since.</summary>
public sealed record FxRatesState(FxRatesReading? InForce, FxRatesReading? LastRefused)
{
    public FxRateTable? Table => InForce?.Table;
}
