using System.Text;
using DelTran.Core.Tests.Support;
using DelTran.Host.Tests.Cli;

namespace DelTran.Host.Tests.Snapshots;

/// <summary>
/// A text snapshot under tests/DelTran.Host.Tests/Snapshots: equal, or the test fails with what is gone and what is new.
/// With DELTRAN_UPDATE_GOLDEN=1 the file is rewritten (and the test still fails, so a rewrite is never silent).
/// </summary>
public static class SnapshotFile
{
    private static readonly string Folder = Path.Combine(CliRunner.RepoRoot, "tests", "DelTran.Host.Tests", "Snapshots");

    public static void Compare(string name, string actual)
    {
        string path = Path.Combine(Folder, name);
        string? expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (expected == actual)
        {
            return;
        }

        if (GoldenFiles.UpdateRequested)
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            Assert.Fail(GoldenFiles.Rewritten([path]));
        }

        Assert.True(expected is not null, $"Snapshot {path} is missing; run with {GoldenFiles.UpdateVariable}=1 once and review it.");
        string[] before = expected!.Split('\n');
        string[] after = actual.Split('\n');
        Assert.Fail($"{name} differs from its snapshot.\nGone:\n  {string.Join("\n  ", before.Except(after))}\nNew:\n  {string.Join("\n  ", after.Except(before))}");
    }
}
