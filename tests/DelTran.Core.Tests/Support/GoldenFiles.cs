namespace DelTran.Core.Tests.Support;

/// <summary>
/// The one place that reads DELTRAN_UPDATE_GOLDEN, for every golden test of both test projects.
/// <para>
/// Without it a golden test compares and never writes. With DELTRAN_UPDATE_GOLDEN=1 a golden file whose content
/// differs from the output is rewritten, and the test fails naming it, so a rewrite is never a pass: review the diff,
/// then run again without the variable. With CI=true the variable is refused outright: golden files never rewrite
/// themselves in CI.
/// </para>
/// </summary>
public static class GoldenFiles
{
    public const string UpdateVariable = "DELTRAN_UPDATE_GOLDEN";

    /// <summary>True when the developer asked for golden files to be rewritten; fails the test when asked under CI=true.</summary>
    public static bool UpdateRequested
    {
        get
        {
            string? update = Environment.GetEnvironmentVariable(UpdateVariable);
            if (string.IsNullOrEmpty(update))
            {
                return false;
            }

            if (RunningInCi)
            {
                Assert.Fail($"{UpdateVariable}={update} is set with CI=true: golden files never rewrite themselves in CI. Rewrite them on a developer machine, review the diff and commit it.");
            }

            return update == "1";
        }
    }

    private static bool RunningInCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The message with which a test fails after it rewrote golden files.</summary>
    public static string Rewritten(IEnumerable<string> paths) =>
        $"{UpdateVariable}=1 rewrote these golden files; review the diff, then run again without it:\n  " + string.Join("\n  ", paths);
}
