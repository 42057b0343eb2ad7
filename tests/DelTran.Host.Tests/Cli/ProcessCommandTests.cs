using DelTran.Core.Tests.Support;

namespace DelTran.Host.Tests.Cli;

/// <summary>`deltran process` on the embedded default: a pacs.002 for every input message, each valid against the published schema.</summary>
public sealed class ProcessCommandTests
{
    [Fact]
    public void Process_WritesAValidPacs002ForEveryMessage_OfOurAndThePublicSamples()
    {
        string work = Directory.CreateTempSubdirectory("deltran-process-").FullName;
        try
        {
            string ours = Path.Combine(CliRunner.RepoRoot, "sample-messages");
            string publicSamples = Path.Combine(RepoPaths.Shared, "iso20022", "samples");
            string[] inbound = ["pacs.008.001.08", "pain.001.001.09", "pain.001.001.03"];
            string[] inputs = [.. inbound.Select(m => Path.Combine(ours, m)), .. inbound.Select(m => Path.Combine(publicSamples, m))];
            int expected = inputs.Sum(dir => Directory.EnumerateFiles(dir, "*.xml", SearchOption.AllDirectories).Count(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal)));

            (int exit, string stdout, string stderr) = CliRunner.Run(["process", "--in", .. inputs, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data")]);

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            string[] reports = Directory.GetFiles(Path.Combine(work, "out"), "*.pacs002.xml", SearchOption.AllDirectories);
            Assert.Equal(expected, reports.Length);
            var baseSchema = RepoPaths.BaseSchema("pacs.002.001.10");
            var invalid = reports
                .Select(r => (File: r, Errors: RepoPaths.SchemaErrors(File.OpenRead(r), baseSchema).Where(e => !e.StartsWith("Warning", StringComparison.Ordinal)).ToList()))
                .Where(r => r.Errors.Count > 0)
                .Select(r => $"{r.File}: {r.Errors[0]}")
                .ToList();
            Assert.True(invalid.Count == 0, string.Join("\n", invalid));
            Assert.Contains("processed", stdout, StringComparison.Ordinal);

            // Then the window of each currency was closed, netted, settled and reported.
            foreach (string window in new[] { "INR-000001", "AED-000001", "USD-000001" })
            {
                Assert.Contains(window + " │ SETTLED", stdout, StringComparison.Ordinal);
                string directory = Path.Combine(work, "out", "windows", window);
                string audit = Path.Combine(directory, "audit");
                Assert.StartsWith("window_id,participant,currency,debit,credit,net", File.ReadLines(Path.Combine(audit, "net-positions.csv")).First(), StringComparison.Ordinal);
                // Each obligation names the list set that screened its transaction (its last three fields: list set, FX table, FX path).
                string[] obligations = [.. File.ReadLines(Path.Combine(audit, "obligations.csv")).Where(l => l.Length > 0)];
                Assert.EndsWith(",accepted_at,screening_list_set,fx_rate_table,fx_path", obligations[0], StringComparison.Ordinal);
                Assert.NotEmpty(obligations[1..]);
                Assert.All(obligations[1..], line => Assert.Matches("^[0-9A-F]{32}$", line.Split(',')[^3]));
                Assert.True(new FileInfo(Path.Combine(audit, "audit-pack.xlsx")).Length > 0);
                Assert.Empty(DelTran.Host.Exports.AuditPackVerifier.Verify(audit));
                string[] statements = Directory.GetFiles(Path.Combine(directory, "camt053"), "*.xml");
                string[] settled = Directory.GetFiles(Path.Combine(directory, "pacs002"), "*.xml");
                Assert.NotEmpty(statements);
                Assert.NotEmpty(settled);
                Assert.All(statements, f => Assert.Empty(Support.TestMessages.SchemaErrors(File.ReadAllText(f), "camt.053.001.08")));
                Assert.All(settled, f => Assert.Empty(Support.TestMessages.Pacs002SchemaErrors(File.ReadAllText(f))));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Process_ExitsTwo_WhenAnInputIsMissing()
    {
        (int exit, _, string stderr) = CliRunner.Run("process", "--in", "/no/such/folder", "--out", Path.GetTempPath());

        Assert.Equal(2, exit);
        Assert.Contains("no such file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_ExitsTwo_NamingTheList_WhenAConfiguredSanctionsListIsRefused_BeforeReadingAnyInput()
    {
        string work = Directory.CreateTempSubdirectory("deltran-process-").FullName;
        try
        {
            string lists = Directory.CreateDirectory(Path.Combine(work, "lists")).FullName;
            File.WriteAllText(Path.Combine(lists, "sdn.xml"), "<?xml version=\"1.0\"?><sdnList><publshInformation><Publish_Date>11/01/2026</Publish_Date>");
            string config = Path.Combine(work, "lists.json");
            File.WriteAllText(config, "{ \"DelTran\": { \"Compliance\": { \"Lists\": [ \"" + lists.Replace("\\", "\\\\", StringComparison.Ordinal) + "\" ] } } }");
            string input = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08");

            (int exit, string stdout, string stderr) = CliRunner.Run("process", "--in", input, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data"), "--config", config);

            Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains("cannot start: Sanctions list sdn.xml was refused", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(work, "out")) && Directory.EnumerateFiles(Path.Combine(work, "out"), "*", SearchOption.AllDirectories).Any());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
    [Fact]
    public void Process_WritesAMemoryReport_WhenAskedFor_WithTheExactLiveSetUnderForcedCollections()
    {
        string work = Directory.CreateTempSubdirectory("deltran-process-").FullName;
        try
        {
            string report = Path.Combine(work, "memory.json");
            string config = Path.Combine(work, "memory-config.json");
            File.WriteAllText(config, "{ \"DelTran\": { \"Diagnostics\": { \"MemoryReport\": \"" + report + "\", \"MemoryReportLiveSet\": true } } }");
            string input = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08");

            (int exit, string stdout, string stderr) = CliRunner.Run("process", "--in", input, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data"), "--config", config);

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            using var figures = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
            long Figure(string name) => figures.RootElement.GetProperty(name).GetInt64();
            Assert.True(figures.RootElement.GetProperty("liveSetForced").GetBoolean());
            // The run allocated, and every forced collection was a full one the report counted.
            Assert.True(Figure("allocatedBytes") > 0);
            Assert.True(Figure("fullCollections") >= 1);
            Assert.True(Figure("gen2Collections") >= Figure("fullCollections"));
            // What is live and the heap both fit in what the collector committed.
            Assert.InRange(Figure("peakLiveBytes"), 1, Figure("peakCommittedBytes"));
            Assert.InRange(Figure("peakHeapBytes"), 1, Figure("peakCommittedBytes"));
            Assert.True(Figure("peakWorkingSetBytes") > 0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
}
