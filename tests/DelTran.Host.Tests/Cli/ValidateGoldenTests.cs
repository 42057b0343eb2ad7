using System.Text.Json.Nodes;
using DelTran.Core.Tests.Support;

namespace DelTran.Host.Tests.Cli;

/// <summary>
/// `deltran validate sample-messages/` against the expected output kept beside each sample
/// (&lt;name&gt;.expected.json). Set DELTRAN_UPDATE_GOLDEN=1 to rewrite them after a deliberate change (never in CI;
/// see <see cref="GoldenFiles"/>), then review the diff.
/// </summary>
public sealed class ValidateGoldenTests
{
    private static readonly string Samples = Path.Combine(CliRunner.RepoRoot, "sample-messages");

    [Fact]
    public void Validate_SampleMessages_MatchTheirExpectedOutput()
    {
        bool update = GoldenFiles.UpdateRequested;
        IReadOnlyDictionary<string, JsonObject> results = ValidateSamples();

        var mismatches = new List<string>();
        var rewritten = new List<string>();
        foreach ((string relative, JsonObject actual) in results)
        {
            string expectedPath = Path.ChangeExtension(Path.Combine(Samples, relative), ".expected.json");
            JsonNode? expected = File.Exists(expectedPath) ? JsonNode.Parse(File.ReadAllText(expectedPath)) : null;
            if (expected is not null && JsonNode.DeepEquals(expected, actual))
            {
                continue;
            }

            if (update)
            {
                File.WriteAllText(expectedPath, actual.ToJsonString(new() { WriteIndented = true }) + "\n");
                rewritten.Add(expectedPath);
            }
            else if (expected is null)
            {
                mismatches.Add($"{relative}: no {Path.GetFileName(expectedPath)} beside it");
            }
            else
            {
                mismatches.Add($"{relative}:\n  expected {expected.ToJsonString()}\n  actual   {actual.ToJsonString()}");
            }
        }

        Assert.True(rewritten.Count == 0, GoldenFiles.Rewritten(rewritten));
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Validate_EachSample_GetsTheOutcomeItsNameAnnounces()
    {
        IReadOnlyDictionary<string, JsonObject> results = ValidateSamples();

        var wrong = new List<string>();
        int valid = 0, invalid = 0;
        foreach ((string file, JsonObject result) in results)
        {
            string status = (string)result["status"]!;
            string[] codes = [.. result["reasons"]!.AsArray().Select(r => (string)r!["code"]!)];
            if (file.Contains("/valid/", StringComparison.Ordinal))
            {
                valid++;
                if (status != "ACCEPTED")
                {
                    wrong.Add($"{file}: expected ACCEPTED, got {status} {string.Join(",", codes)}");
                }
            }
            else if (file.Contains("/invalid/", StringComparison.Ordinal))
            {
                // invalid/<CODE>-<scenario>.xml is refused with exactly its code, and with nothing else.
                invalid++;
                string code = Path.GetFileName(file).Split('-')[0];
                if (status != "REJECTED" || codes.Distinct().SingleOrDefault() != code)
                {
                    wrong.Add($"{file}: expected REJECTED with only {code}, got {status} {string.Join(",", codes)}");
                }
            }
            else
            {
                wrong.Add($"{file}: neither under valid/ nor under invalid/, so its name announces nothing");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(valid >= 10 && invalid >= 30, $"the sample set shrank: {valid} valid, {invalid} invalid");
    }

    /// <summary>
    /// Runs `deltran validate` over sample-messages/ and returns its result per input, by path relative to the folder.
    /// Fails unless it printed exactly one line for each input sample and exited 1 (the invalid/ samples).
    /// </summary>
    private static SortedDictionary<string, JsonObject> ValidateSamples()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("validate", "--as-of", "2026-12-01", Samples);

        Assert.True(exit == 1, $"invalid/ samples must make the run exit 1; got {exit}. stderr: {stderr}");
        string[] inputs = [.. Directory.EnumerateFiles(Samples, "*.xml", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal))
            .Select(Relative)
            .Order(StringComparer.Ordinal)];
        Assert.True(inputs.Length >= 40, "the sample set shrank: " + inputs.Length);

        var results = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var repeated = new List<string>();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            JsonObject result = JsonNode.Parse(line)!.AsObject();
            string relative = Relative((string)result["file"]!);
            result["file"] = relative;
            if (!results.TryAdd(relative, result))
            {
                repeated.Add(relative);
            }
        }

        Assert.True(repeated.Count == 0, "validate printed more than one line for: " + string.Join(", ", repeated));
        Assert.Equal(inputs, results.Keys);
        return results;
    }

    private static string Relative(string file) => Path.GetRelativePath(Samples, file).Replace('\\', '/');
}
