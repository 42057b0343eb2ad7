using System.Xml.Linq;
using DelTran.Core.Tests.Support;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Cli;
using DelTran.Host.Tests.Servers;

namespace DelTran.Host.Tests.Cli;

/// <summary>`deltran process` on the embedded default: a pacs.002 for every input message, each valid against the published schema.</summary>
public sealed class ProcessCommandTests
{
    /// <summary>Batches in which one transaction breaks its rule: the others are accepted, so the message is PART.</summary>
    /// <summary>The business date the samples are written for (sample-messages/README.md), and the demo's --as-of.</summary>
    private const string SamplesBusinessDate = "2026-12-01";

    /// <summary>A machine whose clock says 3 June 2030 and runs on from there (timers and delays as usual).</summary>
    private static BusinessDateClock MachineIn2030() => new BusinessDateClock(TimeProvider.System, new DateOnly(2030, 6, 3));

    private static readonly string[] PartlyAccepted = ["AM01-zero-amount-in-batch.xml", "DUPL-repeated-endtoendid.xml", "DUPL-repeated-uetr.xml"];

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

            // Each input's pacs.002 mirrors its path below the folder it was found in, under that folder's name.
            var expectedReports = new Dictionary<string, (string Input, bool Ours)>(StringComparer.Ordinal);
            foreach (string input in inputs)
            {
                foreach (string file in Directory.EnumerateFiles(input, "*.xml", SearchOption.AllDirectories).Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal)))
                {
                    string report = Path.ChangeExtension(Path.Combine(Path.GetFileName(input), Path.GetRelativePath(input, file)), null) + ".pacs002.xml";
                    expectedReports.Add(report, (file, input.StartsWith(ours, StringComparison.Ordinal)));
                }
            }

            // The demo's run (./build.sh demo) on a machine whose clock says 2030: FX rates and calendars of 2026 long
            // expired, and still every valid sample is accepted, because the run's business date is the samples' own.
            (int exit, string stdout, string stderr) = CliRunner.RunAt(
                MachineIn2030(),
                ["process", "--as-of", SamplesBusinessDate, "--in", .. inputs, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data")]);

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains($"Business date {SamplesBusinessDate} (--as-of)", stdout, StringComparison.Ordinal);

            // The terminal output fits 120 columns, and a refused message's row names its reason codes (issue 15, item 6).
            string[] wide = [.. stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 120)];
            Assert.True(wide.Length == 0, "lines wider than 120 columns:" + Environment.NewLine + string.Join(Environment.NewLine, wide));
            Assert.Contains(stdout.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ RJCT\s+│ AM03\s+│$"));
            string[] reports = Directory.GetFiles(Path.Combine(work, "out"), "*.pacs002.xml", SearchOption.AllDirectories);

            // Every input gets exactly one answer: a pacs.002, or, for a file with no MsgId to quote, an error file named
            // after it with FF01 (issue 15, item 3). Ours that are not messages at all are among the latter.
            string[] notices = [.. Directory.GetFiles(Path.Combine(work, "out"), "*.error.txt", SearchOption.AllDirectories)
                .Select(r => Path.GetRelativePath(Path.Combine(work, "out"), r))];
            string[] unreadable = [.. notices.Select(n => n[..^".error.txt".Length] + ".pacs002.xml")];
            Assert.Contains("pacs.008.001.08/invalid/FF01-billion-laughs.pacs002.xml", unreadable);
            Assert.Contains("pacs.008.001.08/invalid/FF01-dtd-external-entity.pacs002.xml", unreadable);
            Assert.All(notices, n => Assert.Contains("  FF01 ", File.ReadAllText(Path.Combine(work, "out", n)), StringComparison.Ordinal));
            Assert.Equal(
                expectedReports.Keys.Order(StringComparer.Ordinal),
                reports.Select(r => Path.GetRelativePath(Path.Combine(work, "out"), r)).Where(r => !r.StartsWith("windows", StringComparison.Ordinal)).Concat(unreadable).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(reports, r => File.ReadAllText(r).Contains("<OrgnlMsgId>NOTPROVIDED</OrgnlMsgId>", StringComparison.Ordinal));
            foreach (string answered in unreadable)
            {
                expectedReports.Remove(answered);
            }

            var baseSchema = RepoPaths.BaseSchema("pacs.002.001.10");
            var invalid = reports
                .Select(r => (File: r, Errors: RepoPaths.SchemaErrors(File.OpenRead(r), baseSchema).Where(e => !e.StartsWith("Warning", StringComparison.Ordinal)).ToList()))
                .Where(r => r.Errors.Count > 0)
                .Select(r => $"{r.File}: {r.Errors[0]}")
                .ToList();
            Assert.True(invalid.Count == 0, string.Join("\n", invalid));
            Assert.Contains("processed", stdout, StringComparison.Ordinal);

            // Each pacs.002 says what its input deserves.
            var wrong = new List<string>();
            foreach ((string report, (string input, bool isOurs)) in expectedReports)
            {
                StatusReportSummary status = StatusReportSummary.Read(Path.Combine(work, "out", report));
                string? problem = isOurs ? ProblemWithOurs(report, status) : ProblemWithPublic(status);
                if (problem is not null)
                {
                    wrong.Add($"{Path.GetRelativePath(CliRunner.RepoRoot, input)}: {problem}; got {status}");
                }
            }

            Assert.True(wrong.Count == 0, string.Join("\n", wrong));

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
                // Every obligation has its value date: the requested one, else the window's business date (issue 15, item 6).
                Assert.All(obligations[1..], line => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", line.Split(',')[9]));
                Assert.True(new FileInfo(Path.Combine(audit, "audit-pack.xlsx")).Length > 0);
                Assert.Empty(AuditPackVerifier.Verify(audit));
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
    public void Process_JudgesTheSamplesOnTodaysDate_WithoutAsOf_SoTheDateRuleIsNeverHidden()
    {
        string work = Directory.CreateTempSubdirectory("deltran-process-").FullName;
        try
        {
            string sample = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pain.001.001.09", "valid");
            string file = Directory.GetFiles(sample, "*.xml").Order(StringComparer.Ordinal).First();
            (int exit, string stdout, string stderr) = CliRunner.RunAt(
                MachineIn2030(),
                "process", "--in", file, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data"));

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains("Business date 2030-06-03 (today, UTC; --as-of chooses another)", stdout, StringComparison.Ordinal);
            StatusReportSummary status = StatusReportSummary.Read(Directory.GetFiles(Path.Combine(work, "out"), "*.pacs002.xml", SearchOption.AllDirectories).Single(f => !f.Contains("windows", StringComparison.Ordinal)));
            Assert.Equal(("RJCT", "DT01"), (status.GroupStatus, string.Join(",", status.Codes)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A run without --data leaves nothing in the system's temporary folder (before: a deltran-* folder per run).</summary>
    [Fact]
    public void Process_WithoutData_RemovesItsTemporaryDatabase()
    {
        string work = Directory.CreateTempSubdirectory("deltran-process-").FullName;
        try
        {
            string sample = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "valid", "single-inr-in-to-ae.xml");
            HashSet<string> before = RunFolders();

            (int exit, string stdout, string stderr) = CliRunner.Run("process", "--as-of", SamplesBusinessDate, "--in", sample, "--out", Path.Combine(work, "out"));

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            // The terminal wraps long lines at word boundaries.
            Assert.Contains("temporary and is removed (--data DIR keeps it)", System.Text.RegularExpressions.Regex.Replace(stdout, @"\s+", " "), StringComparison.Ordinal);
            Assert.Empty(RunFolders().Except(before));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        // The folders `process` makes for itself: deltran- and 12 hexadecimal digits.
        static HashSet<string> RunFolders() => [.. Directory.EnumerateDirectories(Path.GetTempPath(), "deltran-*").Where(d => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(d), "^deltran-[0-9a-f]{12}$"))];
    }

    [Fact]
    public async Task Process_OnPostgresWithoutData_FinishesWithoutATemporaryFolderToRemove()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        string work = Directory.CreateTempSubdirectory("deltran-process-pg-").FullName;
        try
        {
            string config = Path.Combine(work, "deltran.json");
            await File.WriteAllTextAsync(config, $$"""{ "ConnectionStrings": { "deltran": "{{database.ConnectionString}}" } }""");
            string sample = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "valid", "single-inr-in-to-ae.xml");

            (int exit, string stdout, string stderr) = CliRunner.Run("process", "--config", config, "--as-of", SamplesBusinessDate, "--in", sample, "--out", Path.Combine(work, "out"));

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Single(Directory.EnumerateFiles(Path.Combine(work, "out"), "single-inr-in-to-ae.pacs002.xml", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Process_RefusesToStart_WhenADiagnosticsSettingIsNotOfItsType()
    {
        string work = Directory.CreateTempSubdirectory("deltran-process-diag-").FullName;
        try
        {
            string config = Path.Combine(work, "deltran.json");
            File.WriteAllText(config, """{ "DelTran": { "Diagnostics": { "MemoryReport": "memory.json", "MemoryReportLiveSet": "sometimes" } } }""");
            string sample = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "valid", "single-inr-in-to-ae.xml");

            (int exit, string stdout, string stderr) = CliRunner.Run("process", "--config", config, "--in", sample, "--out", Path.Combine(work, "out"));

            Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains("deltran: cannot start: DelTran:Diagnostics:", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(work, "out")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Process_ExitsTwo_WhenAsOfIsNotADate()
    {
        (int exit, _, string stderr) = CliRunner.Run("process", "--as-of", "2026-13-01", "--in", Path.GetTempPath(), "--out", Path.GetTempPath());
        Assert.Equal(2, exit);
        Assert.Contains("--as-of '2026-13-01' is not a date", stderr, StringComparison.Ordinal);
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

    /// <summary>
    /// Our samples: valid ones ACCP throughout; each invalid/&lt;CODE&gt;-&lt;scenario&gt;.xml refused with its code, and with
    /// no other code. Null when the report is right.
    /// </summary>
    private static string? ProblemWithOurs(string report, StatusReportSummary status)
    {
        string name = Path.GetFileName(report).Replace(".pacs002.xml", ".xml", StringComparison.Ordinal);
        bool valid = report.Contains($"{Path.DirectorySeparatorChar}valid{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        string code = name.Split('-')[0];

        if (valid)
        {
            return status.GroupStatus == "ACCP" && status.Transactions.Count > 0 && status.Transactions.All(t => t.Status == "ACCP") && status.Codes.Count == 0
                ? null
                : "expected ACCP for the message and every transaction, with no reason";
        }

        bool part = PartlyAccepted.Contains(name);
        bool rightGroup = status.GroupStatus == (part ? "PART" : "RJCT");
        bool rightTransactions = status.Transactions.All(t => t.Status == "RJCT" ? t.Codes.SequenceEqual([code]) : part && t.Status == "ACCP")
            && (!part || (status.Transactions.Any(t => t.Status == "RJCT") && status.Transactions.Any(t => t.Status == "ACCP")));
        return rightGroup && rightTransactions && status.Codes.SequenceEqual([code])
            ? null
            : $"expected {(part ? "PART" : "RJCT")} with only {code}{(part ? " on the refused transactions and ACCP on the others" : string.Empty)}";
    }

    /// <summary>
    /// The public samples are all refused in full: none is between DelTran participants in a currency it clears
    /// (SharedSamplesTests lists each one's exact codes from the validator). Null when the report says so.
    /// </summary>
    private static string? ProblemWithPublic(StatusReportSummary status) =>
        status.GroupStatus == "RJCT" && status.Transactions.All(t => t.Status == "RJCT" && t.Codes.Count > 0) && status.Codes.Count > 0
            ? null
            : "expected RJCT for the message and every transaction, each with a reason";

    /// <summary>A pacs.002's group status and its transactions' statuses, with their distinct reason codes (sorted).</summary>
    private sealed record StatusReportSummary(string? GroupStatus, IReadOnlyList<string> GroupCodes, IReadOnlyList<(string Status, IReadOnlyList<string> Codes)> Transactions)
    {
        /// <summary>Every reason code in the report, at group or transaction level, distinct and sorted.</summary>
        public IReadOnlyList<string> Codes => [.. GroupCodes.Concat(Transactions.SelectMany(t => t.Codes)).Distinct().Order(StringComparer.Ordinal)];

        public static StatusReportSummary Read(string path)
        {
            XElement root = XDocument.Load(path).Root!;
            XElement group = root.Descendants().Single(e => e.Name.LocalName == "OrgnlGrpInfAndSts");
            return new StatusReportSummary(
                Child(group, "GrpSts")?.Value,
                ReasonCodes(group),
                [.. root.Descendants().Where(e => e.Name.LocalName == "TxInfAndSts").Select(t => (Child(t, "TxSts")?.Value ?? "(none)", ReasonCodes(t)))]);
        }

        public override string ToString() =>
            $"{GroupStatus} [{string.Join(",", GroupCodes)}], transactions: {string.Join("; ", Transactions.GroupBy(t => $"{t.Status} [{string.Join(",", t.Codes)}]").Select(g => $"{g.Count()} {g.Key}"))}";

        private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private static IReadOnlyList<string> ReasonCodes(XElement parent) =>
            [.. parent.Elements().Where(e => e.Name.LocalName == "StsRsnInf")
                .SelectMany(r => r.Descendants().Where(e => e.Name.LocalName == "Cd" && e.Parent?.Name.LocalName == "Rsn"))
                .Select(c => c.Value).Distinct().Order(StringComparer.Ordinal)];
    }
}
