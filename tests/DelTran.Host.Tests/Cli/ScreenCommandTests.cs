using System.Text.Json;
using DelTran.Host.Cli;

namespace DelTran.Host.Tests.Cli;

/// <summary>The contract of `deltran screen`: one JSON line per name on stdin, exit 0, and 2 for usage errors.</summary>
public sealed class ScreenCommandTests
{
    private static string SharedLists => Path.GetFullPath(Path.Combine(CliRunner.RepoRoot, "..", "shared", "sanctions"));

    private static string OwnLists => Path.Combine(CliRunner.RepoRoot, "tests", "DelTran.Core.Tests", "Screening", "Lists");

    [Fact]
    public void Screen_PrintsOneJsonLinePerName_AgainstTheConfiguredDemoList()
    {
        (int exit, string stdout, string stderr) = Run("Viktor Pavlovich Kassandrov\nViktor Pavlov Kassandro\n\nPriya Venkataraman\n", "screen");

        Assert.Equal(ScreenCommand.ExitOk, exit);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        JsonElement hit = Parse(lines[0]);
        Assert.Equal(["name", "decision", "score", "matches"], hit.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Viktor Pavlovich Kassandrov", hit.GetProperty("name").GetString());
        Assert.Equal("HIT", hit.GetProperty("decision").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() >= 0.97);
        JsonElement match = hit.GetProperty("matches")[0];
        Assert.Equal(["list", "id", "name", "score"], match.EnumerateObject().Select(p => p.Name));
        Assert.Equal("OFAC-SDN", match.GetProperty("list").GetString());
        Assert.False(string.IsNullOrEmpty(match.GetProperty("id").GetString()));
        Assert.Equal("POSSIBLE", Parse(lines[1]).GetProperty("decision").GetString());
        JsonElement clear = Parse(lines[2]);
        Assert.Equal("CLEAR", clear.GetProperty("decision").GetString());
        Assert.Equal(0, clear.GetProperty("matches").GetArrayLength());
        Assert.Contains("screened 3 names", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_UsesTheListsOfTheGivenFolder()
    {
        (int exit, string stdout, string stderr) = Run("Husain Abdul Karim Bakri\nSilver Dune Hawala LLC\nViktor Pavlovich Kassandrov\n", "screen", "--lists", OwnLists);

        Assert.Equal(ScreenCommand.ExitOk, exit);
        JsonElement[] results = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
        Assert.Equal("HIT", results[0].GetProperty("decision").GetString());
        JsonElement un = results[0].GetProperty("matches")[0];
        Assert.Equal(("UN-SC", "QDi.901"), (un.GetProperty("list").GetString(), un.GetProperty("id").GetString()));
        JsonElement uk = results[1].GetProperty("matches")[0];
        Assert.Equal(("UK-HMT", "99002", "SILVER DUNE HAWALA"), (uk.GetProperty("list").GetString(), uk.GetProperty("id").GetString(), uk.GetProperty("name").GetString()));
        Assert.Equal("CLEAR", results[2].GetProperty("decision").GetString()); // the demo list is not in that folder
        Assert.Contains("list UN-SC from un-small.xml: 2 entries", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_MatchesAcrossEverySharedList()
    {
        (int exit, string stdout, _) = Run("Robert Gabriel Mugabe\nAEROCARIBBEAN AIRLINES\nERIC BADEGE\n", "screen", "--lists", SharedLists);

        Assert.Equal(ScreenCommand.ExitOk, exit);
        JsonElement[] results = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
        Assert.All(results, r => Assert.Equal("HIT", r.GetProperty("decision").GetString()));
        Assert.Contains(results[0].GetProperty("matches").EnumerateArray(), m => m.GetProperty("list").GetString() == "EU-FSF");
        Assert.Contains(results[1].GetProperty("matches").EnumerateArray(), m => m.GetProperty("list").GetString() == "OFAC-SDN" && m.GetProperty("id").GetString() == "36");
        Assert.Contains(results[2].GetProperty("matches").EnumerateArray(), m => m.GetProperty("list").GetString() == "UN-SC" && m.GetProperty("id").GetString() == "CDi.001");
    }

    [Fact]
    public void Screen_ExitsWithUsage_WhenTheFolderDoesNotExist()
    {
        (int exit, string stdout, string stderr) = Run("anyone\n", "screen", "--lists", Path.Combine(Path.GetTempPath(), "deltran-no-such-folder-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(ScreenCommand.ExitUsage, exit);
        Assert.Empty(stdout);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_ExitsWithUsage_WhenAListInTheFolderIsRefused()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-lists-").FullName;
        try
        {
            byte[] un = File.ReadAllBytes(Path.Combine(OwnLists, "un-small.xml"));
            File.WriteAllBytes(Path.Combine(folder, "consolidated.xml"), un[..(un.Length / 2)]);

            (int exit, string stdout, string stderr) = Run("anyone\n", "screen", "--lists", folder);

            Assert.Equal(ScreenCommand.ExitUsage, exit);
            Assert.Empty(stdout);
            Assert.Contains("list consolidated.xml refused", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Screen_ExitsWithUsage_WhenTheFolderHoldsNoList()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-lists-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "README.md"), "no lists here");

            (int exit, _, string stderr) = Run("anyone\n", "screen", "--lists", folder);

            Assert.Equal(ScreenCommand.ExitUsage, exit);
            Assert.Contains("holds no sanctions list", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Screen_ExitsWithUsage_OnAnUnknownOption()
    {
        (int exit, _, _) = Run(string.Empty, "screen", "--no-such-option");

        Assert.Equal(ScreenCommand.ExitUsage, exit);
    }

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private static (int ExitCode, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = DelTranCli.Run(args, input, stdout, stderr, TimeProvider.System);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
