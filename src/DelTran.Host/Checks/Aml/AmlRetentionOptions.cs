namespace DelTran.Host.Checks.Aml;

/// <summary>
/// The "DelTran:Aml:Retention" section: how long <c>aml_flows</c> rows are kept beyond the longest window an AML rule
/// reads (<see cref="Core.Aml.AmlRulebook.LongestWindow"/>), and how the recurring job deletes the older ones.
/// </summary>
public sealed class AmlRetentionOptions
{
    public const string Section = "DelTran:Aml:Retention";

    /// <summary>Kept beyond the longest rule window (clock skew, late batches, an operator lengthening a window).</summary>
    public TimeSpan Margin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Rows deleted per statement, so no delete holds its locks or grows the WAL for long.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>When the job runs (cron, UTC): hourly by default.</summary>
    public string Cron { get; set; } = "23 * * * *";

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Margin < TimeSpan.Zero)
        {
            problems.Add($"{Section}:Margin must not be negative, not {Margin}.");
        }

        if (BatchSize is < 1 or > 1_000_000)
        {
            problems.Add($"{Section}:BatchSize must lie between 1 and 1000000, not {BatchSize}.");
        }

        if (!Cronos.CronExpression.TryParse(Cron, out _))
        {
            problems.Add($"{Section}:Cron '{Cron}' is not a cron expression (minute hour day month weekday).");
        }

        return problems;
    }
}
