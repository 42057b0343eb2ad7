namespace DelTran.Host.Checks;

/// <summary>
/// Whether the compliance, risk and liquidity stages judge what they move. The product always registers
/// <see cref="On"/>, and no setting changes it; only a benchmark's own composition (bench/stages.sh runs DelTran.Bench's
/// `deltran-without-checks`) replaces it with <see cref="OffForBenchmark"/>, to measure what the stages cost beside their
/// checks. Off, the stages still keep the books: every transaction moves the positions and becomes an obligation.
/// </summary>
public sealed class StageChecks
{
    private StageChecks(bool enabled) => Enabled = enabled;

    public static StageChecks On { get; } = new(enabled: true);

    public static StageChecks OffForBenchmark { get; } = new(enabled: false);

    public bool Enabled { get; }
}
