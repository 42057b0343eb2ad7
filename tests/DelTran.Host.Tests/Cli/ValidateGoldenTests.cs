using System.Text.Json.Nodes;

namespace DelTran.Host.Tests.Cli;

/// <summary>
/// `deltran validate sample-messages/` against the expected output kept beside each sample
/// (&lt;name&gt;.expected.json). Set DELTRAN_UPDATE_GOLDEN=1 to rewrite them after a deliberate change,
/// then review the diff.
/// </summary>
public sealed class ValidateGoldenTests
{
    private static readonly string Samples = Path.Combine(CliRunner.RepoRoot, "sample-messages");

    [Fact]
    public void Validate_SampleMessages_MatchTheirExpectedOutput()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("validate", "--as-of", "2026-12-01", Samples);

        Assert.True(exit == 1, $"invalid/ samples must make the run exit 1; got {exit}. stderr: {stderr}");
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] inputs = [.. Directory.EnumerateFiles(Samples, "*.xml", SearchOption.AllDirectories).Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal))];
        Assert.Equal(inputs.Length, lines.Length);
        Assert.True(inputs.Length >= 40, "the sample set shrank: " + inputs.Length);

        bool update = Environment.GetEnvironmentVariable("DELTRAN_UPDATE_GOLDEN") == "1";
        var mismatches = new List<string>();
        foreach (string line in lines)
        {
            JsonObject actual = JsonNode.Parse(line)!.AsObject();
            string file = (string)actual["file"]!;
            string relative = Path.GetRelativePath(Samples, file).Replace('\\', '/');
            actual["file"] = relative;
            string expectedPath = Path.ChangeExtension(file, ".expected.json");
            if (update)
            {
                File.WriteAllText(expectedPath, actual.ToJsonString(new() { WriteIndented = true }) + "\n");
                continue;
            }

            if (!File.Exists(expectedPath))
            {
                mismatches.Add($"{relative}: no {Path.GetFileName(expectedPath)} beside it");
                continue;
            }

            JsonNode expected = JsonNode.Parse(File.ReadAllText(expectedPath))!;
            if (!JsonNode.DeepEquals(expected, actual))
            {
                mismatches.Add($"{relative}:\n  expected {expected.ToJsonString()}\n  actual   {actual.ToJsonString()}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Validate_EachSample_GetsTheOutcomeItsNameAnnounces()
    {
        (_, string stdout, _) = CliRunner.Run("validate", "--as-of", "2026-12-01", Samples);

        var wrong = new List<string>();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            JsonObject result = JsonNode.Parse(line)!.AsObject();
            string file = ((string)result["file"]!).Replace('\\', '/');
            string status = (string)result["status"]!;
            string[] codes = [.. result["reasons"]!.AsArray().Select(r => (string)r!["code"]!)];
            if (file.Contains("/valid/", StringComparison.Ordinal))
            {
                if (status != "ACCEPTED")
                {
                    wrong.Add($"{file}: expected ACCEPTED, got {status} {string.Join(",", codes)}");
                }
            }
            else if (file.Contains("/invalid/", StringComparison.Ordinal))
            {
                // invalid/<CODE>-<scenario>.xml is refused with exactly its code, and with nothing else.
                string code = Path.GetFileName(file).Split('-')[0];
                if (status != "REJECTED" || codes.Distinct().SingleOrDefault() != code)
                {
                    wrong.Add($"{file}: expected REJECTED with only {code}, got {status} {string.Join(",", codes)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
