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
    private const int GeneratorVersion = 1;

    private const double Mega = 1_000_000.0;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Settings(int Transactions, int Runs, ulong Seed, string? WorkDirectory, bool Strict);

    private sealed record TimedRun(int Number, string Tool, double Seconds, long? PeakBytes, double? CpuSeconds = null);

    private sealed record Reference(double MinRatio, double MaxPeakMb, double? IssueXmllint, double? IssueXmlReader, JsonElement? DevMachine);

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

        string file = Path.Combine(work, string.Create(Inv, $"pacs008-g{GeneratorVersion}-{settings.Transactions}tx-seed{settings.Seed}.xml"));
        if (File.Exists(file))
        {
            Console.Error.WriteLine($"bench: using the cached {Relative(root, file)}");
        }
        else
        {
            Console.Error.WriteLine(string.Create(Inv, $"bench: generating {settings.Transactions:N0} transactions into {Relative(root, file)} ..."));
            var clock = Stopwatch.StartNew();
            Pacs008Generator.Write(file, settings.Transactions, settings.Seed);
            Console.Error.WriteLine(string.Create(Inv, $"bench: generated in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        long bytes = new FileInfo(file).Length;
        double megabytes = bytes / Mega;
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", Inv);
        WarmPageCache(file);

        string xmllintVersion = ToolVersion(xmllint, "--version");
        Console.Error.WriteLine(string.Create(Inv, $"bench: {settings.Runs} run(s) over {megabytes:F1} MB; peak memory via {(ProcessMeasurement.HasGnuTime ? "GNU time (%M)" : "polling /proc/PID/status VmHWM")}"));

        string loadBefore = LoadAverage();
        var runs = new List<TimedRun>();
        for (int n = 1; n <= settings.Runs; n++)
        {
            Measurement lint = ProcessMeasurement.Run(xmllint, ["--stream", "--noout", "--schema", xsd, file]);
            if (lint.ExitCode != 0)
            {
                return Fail($"xmllint rejected the generated file (exit {lint.ExitCode.ToString(Inv)}):\n{Tail(lint.Stderr)}");
            }

            runs.Add(new TimedRun(n, "xmllint", lint.Seconds, lint.PeakBytes, lint.CpuSeconds));
            Progress(runs[^1], megabytes);

            double plain = PlainValidatingXmlReader(file, xsd);
            runs.Add(new TimedRun(n, "xmlreader", plain, null));
            Progress(runs[^1], megabytes);

            Measurement ours = ProcessMeasurement.Run(deltran, ["validate", "--as-of", today, file]);
            string? problem = CheckDeltranOutput(ours, settings.Transactions);
            if (problem is not null)
            {
                return Fail(problem);
            }

            runs.Add(new TimedRun(n, "deltran", ours.Seconds, ours.PeakBytes, ours.CpuSeconds));
            Progress(runs[^1], megabytes);
        }

        string loadAfter = LoadAverage();
        double Median(string tool) => MedianOf(runs.Where(r => r.Tool == tool).Select(r => r.Seconds));
        double lintSeconds = Median("xmllint");
        double plainSeconds = Median("xmlreader");
        double oursSeconds = Median("deltran");
        double lintRate = megabytes / lintSeconds;
        double plainRate = megabytes / plainSeconds;
        double oursRate = megabytes / oursSeconds;
        double ratio = oursRate / lintRate;
        long? lintPeak = runs.Where(r => r.Tool == "xmllint").Max(r => r.PeakBytes);
        long? oursPeak = runs.Where(r => r.Tool == "deltran").Max(r => r.PeakBytes);
        double? oursPeakMb = oursPeak / Mega;
        bool speedPass = ratio >= reference.MinRatio;
        bool memoryPass = oursPeakMb is double p && p <= reference.MaxPeakMb;

        var table = new StringBuilder();
        void Line(FormattableString text) => table.AppendLine(text.ToString(Inv));
        Line($"");
        Line($"DelTran validation benchmark: {settings.Transactions:N0} pacs.008.001.08 transactions, {megabytes:F1} MB ({bytes / (double)settings.Transactions:F0} bytes per transaction)");
        Line($"file     {Relative(root, file)} (seed {settings.Seed})");
        Line($"machine  {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}");
        Line($"tools    {xmllintVersion}; {RuntimeInformation.FrameworkDescription}; business date {today}");
        Line($"load     {loadBefore} before, {loadAfter} after (1, 5, 15 min); wall time is only comparable on a quiet machine, CPU time much less disturbed");
        Line($"");
        Line($"{"run",-4} {"tool",-38} {"MB",8} {"seconds",8} {"MB/s",8} {"cpu s",8} {"peak MB",8}");
        foreach (TimedRun r in runs)
        {
            Line($"{r.Number,-4} {Label(r.Tool),-38} {megabytes,8:F1} {r.Seconds,8:F2} {megabytes / r.Seconds,8:F1} {Cpu(r.CpuSeconds),8} {Mb(r.PeakBytes),8}");
        }

        string devDate = reference.DevMachine is JsonElement dev && dev.TryGetProperty("date", out JsonElement d) ? d.GetString() ?? "?" : "not recorded";
        Line($"");
        Line($"{"median of " + settings.Runs.ToString(Inv) + " run(s)",-43} {"MB/s",8} {"x xmllint",9} {"peak MB",8}   | {"issue",6} {"dev machine " + devDate,23}");
        Line($"{Label("xmllint"),-43} {lintRate,8:F1} {1.0,9:F2} {Mb(lintPeak),8}   | {Ref(reference.IssueXmllint),6} {DevFigure(reference, "xmllint_mb_per_s"),23}");
        Line($"{Label("xmlreader"),-43} {plainRate,8:F1} {plainRate / lintRate,9:F2} {"-",8}   | {Ref(reference.IssueXmlReader),6} {DevFigure(reference, "plain_validating_xmlreader_mb_per_s"),23}");
        Line($"{Label("deltran"),-43} {oursRate,8:F1} {ratio,9:F2} {Mb(oursPeak),8}   | {"-",6} {DevFigure(reference, "deltran_mb_per_s"),23}");
        double? MedianCpu(string tool) => runs.Where(r => r.Tool == tool).Select(r => r.CpuSeconds).ToList() is { Count: > 0 } cpus && cpus.All(c => c is not null)
            ? MedianOf(cpus.Select(c => c!.Value))
            : null;
        if (MedianCpu("xmllint") is double lintCpu && MedianCpu("deltran") is double oursCpu)
        {
            Line($"cpu     median user+sys: xmllint {lintCpu:F2} s, deltran {oursCpu:F2} s (deltran runs on all cores; wall time is the target)");
        }

        Line($"");
        Line($"target  deltran speed  >= {reference.MinRatio:F1} x xmllint   measured {ratio,6:F2} x    {(speedPass ? "PASS" : "MISS")}");
        Line($"target  deltran peak   <= {reference.MaxPeakMb:F0} MB          measured {Mb(oursPeak),6} MB   {(memoryPass ? "PASS" : "MISS")}");
        Console.Out.Write(table.ToString());

        string results = Path.Combine(root, "bench", "results", "latest.json");
        WriteResults(results, settings, file, bytes, xmllintVersion, $"{loadBefore} / {loadAfter}", today, runs, lintRate, plainRate, oursRate, ratio, lintPeak, oursPeak, speedPass, memoryPass, reference);
        Console.Out.WriteLine($"results  {Relative(root, results)}");

        return settings.Strict && !(speedPass && memoryPass) ? 3 : BenchCli.ExitOk;
    }

    private static string Label(string tool) => tool switch
    {
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

    private static string DevFigure(Reference reference, string name) =>
        reference.DevMachine is JsonElement dev && dev.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble().ToString("F1", Inv)
            : "-";

    private static void Progress(TimedRun run, double megabytes) =>
        Console.Error.WriteLine(string.Create(Inv, $"bench: run {run.Number}: {Label(run.Tool)}: {run.Seconds:F2} s, {megabytes / run.Seconds:F1} MB/s, cpu {Cpu(run.CpuSeconds)} s, peak {Mb(run.PeakBytes)} MB"));

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
        string path, Settings settings, string file, long bytes, string xmllintVersion, string load, string today, List<TimedRun> runs,
        double lintRate, double plainRate, double oursRate, double ratio, long? lintPeak, long? oursPeak, bool speedPass, bool memoryPass, Reference reference)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("date", today);
        json.WriteStartObject("machine");
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteString("cpu", CpuModel());
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
        json.WriteString("xmllint", xmllintVersion);
        json.WriteString("load_average_before_after", load);
        json.WriteString("peak_memory_from", ProcessMeasurement.HasGnuTime ? "GNU time %M" : "/proc/PID/status VmHWM polling");
        json.WriteEndObject();
        json.WriteStartObject("file");
        json.WriteString("name", Path.GetFileName(file));
        json.WriteNumber("transactions", settings.Transactions);
        json.WriteNumber("seed", settings.Seed);
        json.WriteNumber("bytes", bytes);
        json.WriteNumber("mb", Math.Round(bytes / Mega, 1));
        json.WriteEndObject();
        json.WriteStartArray("runs");
        foreach (TimedRun r in runs)
        {
            json.WriteStartObject();
            json.WriteNumber("run", r.Number);
            json.WriteString("tool", r.Tool);
            json.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            json.WriteNumber("mb_per_s", Math.Round(bytes / Mega / r.Seconds, 1));
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
        json.WriteStartObject("median");
        json.WriteNumber("xmllint_mb_per_s", Math.Round(lintRate, 1));
        json.WriteNumber("plain_validating_xmlreader_mb_per_s", Math.Round(plainRate, 1));
        json.WriteNumber("deltran_mb_per_s", Math.Round(oursRate, 1));
        json.WriteNumber("deltran_vs_xmllint", Math.Round(ratio, 2));
        if (lintPeak is long lp)
        {
            json.WriteNumber("xmllint_peak_mb", Math.Round(lp / Mega, 1));
        }

        if (oursPeak is long op)
        {
            json.WriteNumber("deltran_peak_mb", Math.Round(op / Mega, 1));
        }

        json.WriteEndObject();
        json.WriteStartObject("targets");
        json.WriteNumber("min_speed_ratio_vs_xmllint", reference.MinRatio);
        json.WriteString("speed", speedPass ? "PASS" : "MISS");
        json.WriteNumber("max_peak_memory_mb", reference.MaxPeakMb);
        json.WriteString("memory", memoryPass ? "PASS" : "MISS");
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
