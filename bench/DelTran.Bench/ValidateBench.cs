using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Schema;

namespace DelTran.Bench;

/// <summary>
/// The benchmark of issue 2, section 6: the same generated pacs.008 file validated by
/// <c>xmllint --stream --noout --schema &lt;base xsd&gt;</c>, by a plain validating <see cref="XmlReader"/>
/// (in this process, base schema, no business rules: the calibration figure) and by the Release
/// <c>deltran validate</c> (our schemas and the whole rulebook), each timed on its own, run after run.
/// </summary>
internal static class ValidateBench
{
    public const ulong DefaultSeed = 20261201;

    /// <summary>Bump when the generator's output changes, so a cached file from an older generator is not reused.</summary>
    private const int GeneratorVersion = 2;

    private const double Mega = 1_000_000.0;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Settings(int Transactions, int LeanTransactions, int Runs, ulong Seed, string? WorkDirectory, bool Strict);

    private sealed record TimedRun(int Number, string Shape, string Tool, double Seconds, long? PeakBytes, double? CpuSeconds = null);

    private sealed record Reference(double MinRatio, double MaxPeakMb, double? IssueXmllint, double? IssueXmlReader, JsonElement? DevMachine);

    /// <summary>One generated file the runs time: the rich shape (about 2.8 KB a transaction) or the lean one (about 550 bytes).</summary>
    private sealed record BenchFile(string Shape, TransactionShape Kind, int Transactions, string Path, long Bytes)
    {
        public double Megabytes => Bytes / Mega;
    }

    /// <summary>The medians of one shape and what they mean against xmllint and the start-up runs.</summary>
    private sealed record ShapeSummary(
        BenchFile File, double LintRate, double PlainRate, double OursRate, double Ratio, double SteadyRatio,
        long? LintPeak, long? OursPeak, double? LintCpu, double? OursCpu, bool SpeedPass, bool MemoryPass);

    private const string Startup = "startup";

    public static int Run(Settings settings)
    {
        string root = FindRepositoryRoot();
        string work = Path.GetFullPath(settings.WorkDirectory ?? Path.Combine(root, "bench", "work"));
        string xsd = Path.GetFullPath(Path.Combine(root, "..", "shared", "iso20022", "xsd", "pacs.008.001.08.xsd"));
        string deltran = Path.Combine(root, "src", "DelTran.Host", "bin", "Release", "net10.0", "deltran");
        string? xmllint = FindOnPath("xmllint");

        if (!File.Exists(xsd))
        {
            return Fail($"the base schema {xsd} is missing (the shared folder must sit beside the repository).");
        }

        if (!File.Exists(deltran))
        {
            return Fail($"{deltran} is missing: build it first with `dotnet build -c Release src/DelTran.Host` (bench/run.sh does).");
        }

        if (xmllint is null)
        {
            return Fail("xmllint is not on PATH: install Debian's libxml2-utils (bench/run.sh does when run as root).");
        }

        Reference reference = ReadReference(Path.Combine(root, "bench", "reference.json"));

        BenchFile rich = Prepare(root, work, "rich", TransactionShape.Rich, settings.Transactions, settings.Seed);
        BenchFile lean = Prepare(root, work, "lean", TransactionShape.Lean, settings.LeanTransactions, settings.Seed);
        // One transaction: what a run costs before the first byte of a large file (runtime, JIT, schema load).
        BenchFile tiny = Prepare(root, work, "lean", TransactionShape.Lean, 1, settings.Seed);
        BenchFile[] files = [rich, lean];
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", Inv);

        string xmllintVersion = ToolVersion(xmllint, "--version");
        Console.Error.WriteLine(string.Create(Inv, $"bench: {settings.Runs} run(s) over {rich.Megabytes:F1} MB (rich) and {lean.Megabytes:F1} MB (lean); peak memory via {(ProcessMeasurement.HasGnuTime ? "GNU time (%M)" : "polling /proc/PID/status VmHWM")}"));

        string loadBefore = LoadAverage();
        var runs = new List<TimedRun>();
        for (int n = 1; n <= settings.Runs; n++)
        {
            // Start-up first: the runtime alone, then a whole validation of one transaction, for both tools.
            Measurement version = ProcessMeasurement.Run(deltran, ["--version"]);
            runs.Add(new TimedRun(n, Startup, "runtime", version.Seconds, version.PeakBytes, version.CpuSeconds));
            Measurement tinyLint = ProcessMeasurement.Run(xmllint, ["--stream", "--noout", "--schema", xsd, tiny.Path]);
            runs.Add(new TimedRun(n, Startup, "xmllint", tinyLint.Seconds, tinyLint.PeakBytes, tinyLint.CpuSeconds));
            Measurement tinyOurs = ProcessMeasurement.Run(deltran, ["validate", "--as-of", today, tiny.Path]);
            if (CheckDeltranOutput(tinyOurs, 1) is string tinyProblem)
            {
                return Fail(tinyProblem);
            }

            runs.Add(new TimedRun(n, Startup, "deltran", tinyOurs.Seconds, tinyOurs.PeakBytes, tinyOurs.CpuSeconds));
            foreach (TimedRun r in runs.TakeLast(3))
            {
                Progress(r, null);
            }

            foreach (BenchFile file in files)
            {
                WarmPageCache(file.Path);
                Measurement lint = ProcessMeasurement.Run(xmllint, ["--stream", "--noout", "--schema", xsd, file.Path]);
                if (lint.ExitCode != 0)
                {
                    return Fail($"xmllint rejected the generated {file.Shape} file (exit {lint.ExitCode.ToString(Inv)}):\n{Tail(lint.Stderr)}");
                }

                runs.Add(new TimedRun(n, file.Shape, "xmllint", lint.Seconds, lint.PeakBytes, lint.CpuSeconds));
                Progress(runs[^1], file);

                double plain = PlainValidatingXmlReader(file.Path, xsd);
                runs.Add(new TimedRun(n, file.Shape, "xmlreader", plain, null));
                Progress(runs[^1], file);

                Measurement ours = ProcessMeasurement.Run(deltran, ["validate", "--as-of", today, file.Path]);
                if (CheckDeltranOutput(ours, file.Transactions) is string problem)
                {
                    return Fail(problem);
                }

                runs.Add(new TimedRun(n, file.Shape, "deltran", ours.Seconds, ours.PeakBytes, ours.CpuSeconds));
                Progress(runs[^1], file);
            }
        }

        string loadAfter = LoadAverage();
        IEnumerable<TimedRun> Of(string shape, string tool) => runs.Where(r => r.Shape == shape && r.Tool == tool);
        double Median(string shape, string tool) => MedianOf(Of(shape, tool).Select(r => r.Seconds));
        double? MedianCpu(string shape, string tool) => Of(shape, tool).Select(r => r.CpuSeconds).ToList() is { Count: > 0 } cpus && cpus.All(c => c is not null)
            ? MedianOf(cpus.Select(c => c!.Value))
            : null;
        double lintStartup = Median(Startup, "xmllint");
        double oursStartup = Median(Startup, "deltran");

        ShapeSummary Summarise(BenchFile file)
        {
            double lintSeconds = Median(file.Shape, "xmllint");
            double oursSeconds = Median(file.Shape, "deltran");
            double lintRate = file.Megabytes / lintSeconds;
            double oursRate = file.Megabytes / oursSeconds;
            double ratio = oursRate / lintRate;
            // Steady state: each tool's time past its own one-transaction run.
            double steadyRatio = (lintSeconds - lintStartup) / Math.Max(1e-6, oursSeconds - oursStartup);
            long? oursPeak = Of(file.Shape, "deltran").Max(r => r.PeakBytes);
            return new ShapeSummary(
                file, lintRate, file.Megabytes / Median(file.Shape, "xmlreader"), oursRate, ratio, steadyRatio,
                Of(file.Shape, "xmllint").Max(r => r.PeakBytes), oursPeak, MedianCpu(file.Shape, "xmllint"), MedianCpu(file.Shape, "deltran"),
                ratio >= reference.MinRatio, oursPeak is long p && p / Mega <= reference.MaxPeakMb);
        }

        ShapeSummary[] summaries = [.. files.Select(Summarise)];

        var table = new StringBuilder();
        void Line(FormattableString text) => table.AppendLine(text.ToString(Inv));
        Line($"");
        Line($"DelTran validation benchmark: pacs.008.001.08, the same files for every tool, run after run");
        foreach (BenchFile file in files)
        {
            Line($"file     {file.Shape,-5} {file.Transactions,9:N0} transactions, {file.Megabytes,6:F1} MB ({file.Bytes / (double)file.Transactions:F0} bytes a transaction): {Relative(root, file.Path)}");
        }

        Line($"machine  {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}");
        Line($"tools    {xmllintVersion}; {RuntimeInformation.FrameworkDescription}; business date {today}; seed {settings.Seed}");
        Line($"load     {loadBefore} before, {loadAfter} after (1, 5, 15 min); wall time is only comparable on a quiet machine, CPU time much less disturbed");
        Line($"");
        Line($"{"run",-4} {"shape",-8} {"tool",-38} {"MB",8} {"seconds",8} {"MB/s",8} {"cpu s",8} {"peak MB",8}");
        foreach (TimedRun r in runs)
        {
            BenchFile? file = files.FirstOrDefault(f => f.Shape == r.Shape);
            string mb = file is null ? "-" : file.Megabytes.ToString("F1", Inv);
            string rate = file is null ? "-" : (file.Megabytes / r.Seconds).ToString("F1", Inv);
            Line($"{r.Number,-4} {r.Shape,-8} {Label(r.Tool),-38} {mb,8} {r.Seconds,8:F2} {rate,8} {Cpu(r.CpuSeconds),8} {Mb(r.PeakBytes),8}");
        }

        string devDate = reference.DevMachine is JsonElement dev && dev.TryGetProperty("date", out JsonElement d) ? d.GetString() ?? "?" : "not recorded";
        Line($"");
        Line($"start-up (median): runtime alone (deltran --version) {Median(Startup, "runtime"):F2} s; one-transaction file: deltran {oursStartup:F2} s (runtime, JIT, schema load), xmllint {lintStartup:F2} s");
        foreach (ShapeSummary sum in summaries)
        {
            string shape = sum.File.Shape;
            Line($"");
            Line($"{shape + ", median of " + settings.Runs.ToString(Inv) + " run(s)",-43} {"MB/s",8} {"x xmllint",9} {"peak MB",8}   | {"issue",6} {"dev machine " + devDate,23}");
            Line($"{Label("xmllint"),-43} {sum.LintRate,8:F1} {1.0,9:F2} {Mb(sum.LintPeak),8}   | {Ref(shape == "rich" ? reference.IssueXmllint : null),6} {DevFigure(reference, shape, "xmllint_mb_per_s"),23}");
            Line($"{Label("xmlreader"),-43} {sum.PlainRate,8:F1} {sum.PlainRate / sum.LintRate,9:F2} {"-",8}   | {Ref(shape == "rich" ? reference.IssueXmlReader : null),6} {DevFigure(reference, shape, "plain_validating_xmlreader_mb_per_s"),23}");
            Line($"{Label("deltran"),-43} {sum.OursRate,8:F1} {sum.Ratio,9:F2} {Mb(sum.OursPeak),8}   | {"-",6} {DevFigure(reference, shape, "deltran_mb_per_s"),23}");
            Line($"steady  past each tool's one-transaction run: deltran {sum.SteadyRatio:F2} x xmllint");
            if (sum.LintCpu is double lintCpu && sum.OursCpu is double oursCpu)
            {
                Line($"cpu     median user+sys: xmllint {lintCpu:F2} s, deltran {oursCpu:F2} s (deltran runs on all cores; wall time is the target)");
            }
        }

        Line($"");
        foreach (ShapeSummary sum in summaries)
        {
            Line($"target  {sum.File.Shape,-5} deltran speed  >= {reference.MinRatio:F1} x xmllint   measured {sum.Ratio,6:F2} x    {(sum.SpeedPass ? "PASS" : "MISS")}");
            Line($"target  {sum.File.Shape,-5} deltran peak   <= {reference.MaxPeakMb:F0} MB          measured {Mb(sum.OursPeak),6} MB   {(sum.MemoryPass ? "PASS" : "MISS")}");
        }

        Console.Out.Write(table.ToString());

        string results = Path.Combine(root, "bench", "results", "latest.json");
        WriteResults(results, settings, xmllintVersion, $"{loadBefore} / {loadAfter}", today, runs, summaries, Median(Startup, "runtime"), oursStartup, lintStartup, reference);
        Console.Out.WriteLine($"results  {Relative(root, results)}");

        bool allPass = summaries.All(x => x.SpeedPass && x.MemoryPass);
        return settings.Strict && !allPass ? 3 : BenchCli.ExitOk;
    }

    private static BenchFile Prepare(string root, string work, string shape, TransactionShape kind, int transactions, ulong seed)
    {
        string file = Path.Combine(work, string.Create(Inv, $"pacs008-g{GeneratorVersion}-{shape}-{transactions}tx-seed{seed}.xml"));
        if (File.Exists(file))
        {
            Console.Error.WriteLine($"bench: using the cached {Relative(root, file)}");
        }
        else
        {
            Console.Error.WriteLine(string.Create(Inv, $"bench: generating {transactions:N0} {shape} transactions into {Relative(root, file)} ..."));
            var clock = Stopwatch.StartNew();
            Pacs008Generator.Write(file, transactions, seed, kind);
            Console.Error.WriteLine(string.Create(Inv, $"bench: generated in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        return new BenchFile(shape, kind, transactions, file, new FileInfo(file).Length);
    }

    private static string Label(string tool) => tool switch
    {
        "runtime" => "deltran --version (runtime start)",
        "xmllint" => "xmllint --stream --schema (base)",
        "xmlreader" => "XmlReader validating (base, no rules)",
        _ => "deltran validate (Release)",
    };

    private static string Cpu(double? seconds) => seconds is double s ? s.ToString("F2", Inv) : "-";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string Mb(long? bytes) => bytes is long b ? (b / Mega).ToString("F1", Inv) : "-";

    private static string Ref(double? value) => value is double v ? v.ToString("F1", Inv) : "-";

    /// <summary>The dev machine's figure for a shape: the rich figures sit at the top level, the lean ones under "lean".</summary>
    private static string DevFigure(Reference reference, string shape, string name)
    {
        if (reference.DevMachine is not JsonElement dev)
        {
            return "-";
        }

        JsonElement scope = dev;
        if (shape != "rich" && !dev.TryGetProperty(shape, out scope))
        {
            return "-";
        }

        return scope.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("F1", Inv) : "-";
    }

    private static void Progress(TimedRun run, BenchFile? file) =>
        Console.Error.WriteLine(string.Create(Inv, $"bench: run {run.Number}: {run.Shape}: {Label(run.Tool)}: {run.Seconds:F2} s, {(file is null ? "-" : (file.Megabytes / run.Seconds).ToString("F1", Inv))} MB/s, cpu {Cpu(run.CpuSeconds)} s, peak {Mb(run.PeakBytes)} MB"));

    private static int Fail(string message)
    {
        Console.Error.WriteLine("bench: FAILED: " + message);
        return BenchCli.ExitFailed;
    }

    /// <summary>The benchmark only counts if DelTran accepted the whole file and saw every transaction.</summary>
    private static string? CheckDeltranOutput(Measurement run, int transactions)
    {
        string firstLine = run.Stdout.Split('\n', 2)[0];
        string detail = $"exit {run.ExitCode.ToString(Inv)}\nstdout: {Tail(run.Stdout)}\nstderr: {Tail(run.Stderr)}";
        try
        {
            using var json = JsonDocument.Parse(firstLine);
            string? status = json.RootElement.GetProperty("status").GetString();
            int count = json.RootElement.GetProperty("transactions").GetInt32();
            if (run.ExitCode != 0 || status != "ACCEPTED" || count != transactions)
            {
                return $"deltran did not accept the generated file with {transactions.ToString(Inv)} transactions (status {status}, transactions {count.ToString(Inv)}); {detail}";
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"deltran printed no JSON result line ({ex.Message}); {detail}";
        }

        return null;
    }

    /// <summary>The calibration figure: .NET's own validating reader against the base schema, nothing else.</summary>
    private static double PlainValidatingXmlReader(string file, string xsd)
    {
        var schemas = new XmlSchemaSet { XmlResolver = null };
        using (var schemaReader = XmlReader.Create(xsd, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            schemas.Add(null, schemaReader);
        }

        schemas.Compile();
        int errors = 0;
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, _) => errors++;

        var clock = Stopwatch.StartNew();
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        using (var reader = XmlReader.Create(stream, settings))
        {
            while (reader.Read())
            {
            }
        }

        clock.Stop();
        if (errors > 0)
        {
            throw new InvalidDataException(string.Create(Inv, $"the validating XmlReader found {errors} schema errors in the generated file."));
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static void WarmPageCache(string file)
    {
        // Read once so the first timed tool does not pay for the disk and the others for nothing.
        byte[] buffer = new byte[1 << 20];
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Reference ReadReference(string path)
    {
        double minRatio = 1.5;
        double maxPeak = 200;
        double? xmllint = null;
        double? xmlreader = null;
        JsonElement? dev = null;
        if (File.Exists(path))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = json.RootElement;
            if (root.TryGetProperty("targets", out JsonElement targets))
            {
                minRatio = targets.TryGetProperty("min_speed_ratio_vs_xmllint", out JsonElement r) ? r.GetDouble() : minRatio;
                maxPeak = targets.TryGetProperty("max_peak_memory_mb", out JsonElement m) ? m.GetDouble() : maxPeak;
            }

            if (root.TryGetProperty("issue", out JsonElement issue))
            {
                xmllint = issue.TryGetProperty("xmllint_mb_per_s", out JsonElement x) ? x.GetDouble() : null;
                xmlreader = issue.TryGetProperty("plain_validating_xmlreader_mb_per_s", out JsonElement p) ? p.GetDouble() : null;
            }

            if (root.TryGetProperty("measured_on_dev_machine", out JsonElement measured) && measured.ValueKind == JsonValueKind.Object)
            {
                dev = measured.Clone();
            }
        }

        return new Reference(minRatio, maxPeak, xmllint, xmlreader, dev);
    }

    private static void WriteResults(
        string path, Settings settings, string xmllintVersion, string load, string today, List<TimedRun> runs, ShapeSummary[] summaries,
        double runtimeStartup, double oursStartup, double lintStartup, Reference reference)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("date", today);
        json.WriteNumber("seed", settings.Seed);
        json.WriteStartObject("machine");
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteString("cpu", CpuModel());
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
        json.WriteString("xmllint", xmllintVersion);
        json.WriteString("load_average_before_after", load);
        json.WriteString("peak_memory_from", ProcessMeasurement.HasGnuTime ? "GNU time %M" : "/proc/PID/status VmHWM polling");
        json.WriteEndObject();
        json.WriteStartObject("startup_median_s");
        json.WriteNumber("deltran_runtime", Math.Round(runtimeStartup, 3));
        json.WriteNumber("deltran_one_transaction", Math.Round(oursStartup, 3));
        json.WriteNumber("xmllint_one_transaction", Math.Round(lintStartup, 3));
        json.WriteEndObject();
        json.WriteStartArray("runs");
        foreach (TimedRun r in runs)
        {
            json.WriteStartObject();
            json.WriteNumber("run", r.Number);
            json.WriteString("shape", r.Shape);
            json.WriteString("tool", r.Tool);
            json.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            if (r.CpuSeconds is double cpu)
            {
                json.WriteNumber("cpu_seconds", Math.Round(cpu, 2));
            }

            if (r.PeakBytes is long peak)
            {
                json.WriteNumber("peak_mb", Math.Round(peak / Mega, 1));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("shapes");
        foreach (ShapeSummary sum in summaries)
        {
            json.WriteStartObject(sum.File.Shape);
            json.WriteString("file", Path.GetFileName(sum.File.Path));
            json.WriteNumber("transactions", sum.File.Transactions);
            json.WriteNumber("mb", Math.Round(sum.File.Megabytes, 1));
            json.WriteNumber("bytes_per_transaction", Math.Round(sum.File.Bytes / (double)sum.File.Transactions));
            json.WriteNumber("xmllint_mb_per_s", Math.Round(sum.LintRate, 1));
            json.WriteNumber("plain_validating_xmlreader_mb_per_s", Math.Round(sum.PlainRate, 1));
            json.WriteNumber("deltran_mb_per_s", Math.Round(sum.OursRate, 1));
            json.WriteNumber("deltran_vs_xmllint", Math.Round(sum.Ratio, 2));
            json.WriteNumber("deltran_vs_xmllint_steady", Math.Round(sum.SteadyRatio, 2));
            if (sum.OursCpu is double oc && sum.LintCpu is double lc)
            {
                json.WriteNumber("deltran_cpu_s", Math.Round(oc, 2));
                json.WriteNumber("xmllint_cpu_s", Math.Round(lc, 2));
            }

            if (sum.LintPeak is long lp)
            {
                json.WriteNumber("xmllint_peak_mb", Math.Round(lp / Mega, 1));
            }

            if (sum.OursPeak is long op)
            {
                json.WriteNumber("deltran_peak_mb", Math.Round(op / Mega, 1));
            }

            json.WriteString("speed", sum.SpeedPass ? "PASS" : "MISS");
            json.WriteString("memory", sum.MemoryPass ? "PASS" : "MISS");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("targets");
        json.WriteNumber("min_speed_ratio_vs_xmllint", reference.MinRatio);
        json.WriteNumber("max_peak_memory_mb", reference.MaxPeakMb);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string FindRepositoryRoot()
    {
        foreach (string start in (string[])[Environment.CurrentDirectory, AppContext.BaseDirectory])
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DelTran.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("cannot find the repository root (the folder holding DelTran.sln).");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string ToolVersion(string program, string argument)
    {
        Measurement run = ProcessMeasurement.Run(program, [argument]);
        string text = (run.Stderr.Length > 0 ? run.Stderr : run.Stdout).Split('\n', 2)[0].Trim();
        // xmllint says "xmllint: using libxml version 20914": show it as "libxml2 2.9.14".
        int at = text.IndexOf("libxml version ", StringComparison.Ordinal);
        if (at >= 0 && int.TryParse(text.AsSpan(at + "libxml version ".Length).Trim(), NumberStyles.None, Inv, out int v))
        {
            return string.Create(Inv, $"xmllint (libxml2 {v / 10000}.{v / 100 % 100}.{v % 100})");
        }

        return text;
    }

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path);

    private static string Tail(string text) => text.Length <= 4000 ? text.Trim() : "..." + text[^4000..].Trim();
}
