using System.Globalization;
using DelTran.Host.Checks;
using DelTran.Host.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DelTran.Bench;

/// <summary>`generate`, `validate-bench`, `close-bench`, `screening-bench`, `soak`, `chaos` and `tokens`; see bench/README.md.</summary>
internal static class BenchCli
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    private const string Usage = """
        usage:
          DelTran.Bench generate --transactions N --out FILE [--seed S] [--shape rich|lean]
          DelTran.Bench validate-bench [--transactions 100000] [--lean-transactions 300000] [--runs 3] [--seed S] [--work DIR] [--strict]
          DelTran.Bench close-bench --connection NPGSQL [--obligations 1000000] [--participants 50] [--seed S]
                                    [--reports DIR] [--result FILE] [--breakdown]
          DelTran.Bench screening-bench [--lists DIR] [--names 20000] [--perturbed 2000] [--clean 2000] [--runs 3] [--seeds S,S,...] [--strict] [--misses] [--quality-only]
          DelTran.Bench soak --deltran EXE --connection NPGSQL --rabbitmq AMQP [--rabbitmqctl EXE] [--config FILE] [--minutes 10]
                             [--seed S] [--work DIR] [--http BIC,...] [--folder BIC,...] [--max-transactions 10000] [--result FILE]
          DelTran.Bench deltran-without-checks process|serve ARGS...
          DelTran.Bench chaos --deltran EXE --connection NPGSQL --rabbitmq AMQP [--rabbitmqctl EXE] [--pg-ctl EXE] [--config FILE]
                              [--runs 5] [--seed S] [--work DIR] [--kills 5] [--max-transactions 20000] [--no-server-restarts]
          DelTran.Bench tokens --deltran EXE --connection NPGSQL --rabbitmq AMQP [--seconds 20] [--warmup 5] [--concurrency 32]
                               [--batch-concurrency 4] [--batch-size 100] [--accounts 1000] [--shapes uniform,hot] [--seed S]
                               [--work DIR] [--result FILE]

        generate        writes a DelTran-valid pacs.008.001.08 batch of N transactions: rich ones (about 2.8 KB
                        each, every CBPR+ element) or lean ones (about 600 bytes, the fewest DelTran accepts).
        validate-bench  times xmllint --stream --schema <base xsd> and the Release `deltran validate` on the
                        same generated files, a rich one and a lean one, and on a one-transaction file for
                        start-up; prints throughput, peak memory, both ratios and the targets.
                        --strict exits 3 when a target is missed.
        close-bench     seeds an empty PostgreSQL database with N obligations in INR, AED and USD, then closes,
                        nets, settles (in-process mock bank) and reports the three windows with the Host's own
                        classes, timing each phase; checks the outcome and prints the figures as JSON (or
                        writes them to --result). --breakdown then times the parts of the largest window's
                        reports apart. bench/close.sh runs it on a fresh database.
        screening-bench with every list of DIR (default ../shared/sanctions) loaded, times screening --names names
                        in process and through the Release `deltran screen`, and measures recall and false positives
                        on a seeded labelled set; --misses lists more of the names it got wrong.
        soak            runs `deltran serve` (EXE) on the empty database NPGSQL and RabbitMQ for --minutes, participants sending
                        files of mixed sizes without pause over HTTP and the watched folder, windows closing every minute,
                        and prints per minute tx/s, p50 and p99 from receipt to pacs.002, RSS and database size; then the
                        slope of RSS over the second half and the invariants. bench/soak.sh runs it.
        deltran-without-checks ARGS...
                        runs deltran's own command line (`process` or `serve`) with the stage checks off (StageChecks,
                        composed here and nowhere in the product): the stages still move every transaction and keep the
                        positions, windows and obligations. bench/stages.sh compares it with the checks on.
        chaos           --runs runs, each on a fresh database (created through the admin connection NPGSQL): serve fed
                        without pause and killed with SIGKILL at random (seeded) moments up to --kills times, restarted,
                        finished, then checked; prints a table of runs, kills and violations. bench/chaos.sh runs it.
        tokens          token transfers per second through `deltran serve`'s HTTP API, single and in linked batches, beside
                        a raw Npgsql reference (one INSERT and two UPDATEs per transfer) at the same concurrency on the same
                        PostgreSQL (NPGSQL is an admin connection: fresh databases are created and dropped); shapes uniform
                        (--accounts generated participants) and hot (the six demo participants). bench/tokens.sh runs it.
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        if (args[0] == "deltran-without-checks")
        {
            return DelTranCli.Run(args[1..], Console.In, Console.Out, Console.Error, TimeProvider.System, services => services.Replace(ServiceDescriptor.Singleton(StageChecks.OffForBenchmark)));
        }

        Dictionary<string, string?>? options = ParseOptions(args.AsSpan(1), ["--strict", "--breakdown", "--misses", "--quality-only", "--no-server-restarts"]);
        if (options is null)
        {
            Console.Error.WriteLine(Usage);
            return ExitUsage;
        }

        try
        {
            return args[0] switch
            {
                "generate" => Generate(options),
                "validate-bench" => ValidateBench.Run(new ValidateBench.Settings(
                    Transactions: Int(options, "--transactions", 100_000),
                    LeanTransactions: Int(options, "--lean-transactions", 300_000),
                    Runs: Int(options, "--runs", 3),
                    Seed: ULong(options, "--seed", ValidateBench.DefaultSeed),
                    WorkDirectory: options.GetValueOrDefault("--work"),
                    Strict: options.ContainsKey("--strict"))),
                "close-bench" => CloseBenchFrom(options),
                "screening-bench" => ScreeningBench.Run(new ScreeningBench.Settings(
                    ListsFolder: options.GetValueOrDefault("--lists"),
                    Names: Int(options, "--names", 20_000),
                    Perturbed: Int(options, "--perturbed", 2_000),
                    Clean: Int(options, "--clean", 2_000),
                    Seeds: options.TryGetValue("--seeds", out string? seeds) ? ULongs(seeds) : ScreeningBench.TuningSeeds,
                    Runs: Int(options, "--runs", 3),
                    Strict: options.ContainsKey("--strict"),
                    ShowMisses: options.ContainsKey("--misses"),
                    QualityOnly: options.ContainsKey("--quality-only"))),
                "soak" => SoakFrom(options),
                "chaos" => ChaosFrom(options),
                "tokens" => TokensFrom(options),
                _ => UnknownVerb(args[0]),
            };
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine("bench: " + ex.Message);
            return ExitUsage;
        }
    }

    private static int UnknownVerb(string verb)
    {
        Console.Error.WriteLine($"bench: unknown verb '{verb}'.");
        Console.Error.WriteLine(Usage);
        return ExitUsage;
    }

    private static int CloseBenchFrom(Dictionary<string, string?> options)
    {
        if (options.GetValueOrDefault("--connection") is not string connection)
        {
            Console.Error.WriteLine("bench: close-bench needs --connection \"Host=...;Database=...\" (an empty database).");
            return ExitUsage;
        }

        string reports = options.GetValueOrDefault("--reports") ?? Directory.CreateTempSubdirectory("deltran-close-bench-").FullName;
        return CloseBench.Run(new CloseBench.Settings(
            Obligations: Int(options, "--obligations", 1_000_000),
            Participants: Int(options, "--participants", 50),
            Connection: connection,
            Seed: ULong(options, "--seed", CloseBench.DefaultSeed),
            ReportsDirectory: Path.GetFullPath(reports),
            ResultFile: options.GetValueOrDefault("--result"),
            Breakdown: options.ContainsKey("--breakdown")));
    }

    private static int SoakFrom(Dictionary<string, string?> options)
    {
        if (Required(options, "soak", "--deltran", "--connection", "--rabbitmq") is not { } given)
        {
            return ExitUsage;
        }

        string minutesText = options.GetValueOrDefault("--minutes") ?? "10";
        if (!double.TryParse(minutesText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double minutes) || minutes is < 0.5 or > 24 * 60)
        {
            throw new FormatException($"--minutes '{minutesText}' must be between 0.5 and 1440.");
        }

        return SoakBench.Run(new SoakBench.Settings(
            Deltran: Path.GetFullPath(given[0]),
            Connection: given[1],
            RabbitMq: given[2],
            RabbitMqCtl: options.GetValueOrDefault("--rabbitmqctl"),
            Config: options.GetValueOrDefault("--config"),
            Minutes: minutes,
            Seed: ULong(options, "--seed", SoakBench.DefaultSeed),
            Work: Path.GetFullPath(options.GetValueOrDefault("--work") ?? Directory.CreateTempSubdirectory("deltran-soak-").FullName),
            HttpParticipants: List(options, "--http", "SRCBINBB,EPRLAEAD,LBHBUS33,KVRIINBB"),
            FolderParticipants: List(options, "--folder", "FLCNAEAA,PRRIUS44"),
            MaxTransactions: Int(options, "--max-transactions", 10_000),
            ResultFile: options.GetValueOrDefault("--result")));
    }

    private static int ChaosFrom(Dictionary<string, string?> options)
    {
        if (Required(options, "chaos", "--deltran", "--connection", "--rabbitmq") is not { } given)
        {
            return ExitUsage;
        }

        return ChaosBench.Run(new ChaosBench.Settings(
            Deltran: Path.GetFullPath(given[0]),
            AdminConnection: given[1],
            RabbitMq: given[2],
            RabbitMqCtl: options.GetValueOrDefault("--rabbitmqctl"),
            PgCtl: options.GetValueOrDefault("--pg-ctl"),
            Config: options.GetValueOrDefault("--config"),
            Runs: Int(options, "--runs", 5),
            Seed: ULong(options, "--seed", ChaosBench.DefaultSeed),
            Work: Path.GetFullPath(options.GetValueOrDefault("--work") ?? Directory.CreateTempSubdirectory("deltran-chaos-").FullName),
            MaxKills: Int(options, "--kills", 5),
            MaxTransactions: Int(options, "--max-transactions", 20_000),
            ServerRestarts: !options.ContainsKey("--no-server-restarts")));
    }

    private static int TokensFrom(Dictionary<string, string?> options)
    {
        if (Required(options, "tokens", "--deltran", "--connection", "--rabbitmq") is not { } given)
        {
            return ExitUsage;
        }

        string[] shapes = List(options, "--shapes", "uniform,hot");
        if (shapes.Length == 0 || shapes.Any(s => s is not ("uniform" or "hot")))
        {
            throw new FormatException($"--shapes '{options.GetValueOrDefault("--shapes")}' lists uniform and/or hot.");
        }

        return TokenBench.Run(new TokenBench.Settings(
            Deltran: Path.GetFullPath(given[0]),
            AdminConnection: given[1],
            RabbitMq: given[2],
            Seconds: Int(options, "--seconds", 20),
            Warmup: Int(options, "--warmup", 5),
            Concurrency: Int(options, "--concurrency", 32),
            BatchConcurrency: Int(options, "--batch-concurrency", 4),
            BatchSize: Int(options, "--batch-size", 100),
            Accounts: Int(options, "--accounts", 1000),
            Shapes: shapes,
            Seed: ULong(options, "--seed", TokenBench.DefaultSeed),
            Work: Path.GetFullPath(options.GetValueOrDefault("--work") ?? Directory.CreateTempSubdirectory("deltran-tokens-").FullName),
            ResultFile: options.GetValueOrDefault("--result")));
    }

    private static string[]? Required(Dictionary<string, string?> options, string verb, params string[] names)
    {
        string[] missing = [.. names.Where(n => options.GetValueOrDefault(n) is null)];
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"bench: {verb} needs {string.Join(", ", missing)}.");
            return null;
        }

        return [.. names.Select(n => options[n]!)];
    }

    private static string[] List(Dictionary<string, string?> options, string name, string fallback) =>
        (options.GetValueOrDefault(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Generate(Dictionary<string, string?> options)
    {
        if (options.GetValueOrDefault("--out") is not string output || !options.ContainsKey("--transactions"))
        {
            Console.Error.WriteLine("bench: generate needs --transactions N and --out FILE.");
            return ExitUsage;
        }

        int transactions = Int(options, "--transactions", 0);
        ulong seed = ULong(options, "--seed", ValidateBench.DefaultSeed);
        TransactionShape shape = Shape(options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Pacs008Generator.Write(output, transactions, seed, shape);
        long bytes = new FileInfo(output).Length;
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bench: wrote {output}: {transactions:N0} transactions, {bytes / 1e6:F1} MB ({bytes / (double)transactions:F0} bytes per transaction) in {clock.Elapsed.TotalSeconds:F1} s."));
        return ExitOk;
    }

    private static Dictionary<string, string?>? ParseOptions(ReadOnlySpan<string> args, string[] flags)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"bench: unexpected argument '{name}'.");
                return null;
            }

            if (flags.Contains(name))
            {
                options[name] = null;
            }
            else if (i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"bench: {name} needs a value.");
                return null;
            }
        }

        return options;
    }

    private static TransactionShape Shape(Dictionary<string, string?> options) => options.GetValueOrDefault("--shape") switch
    {
        null or "rich" => TransactionShape.Rich,
        "lean" => TransactionShape.Lean,
        string other => throw new FormatException($"--shape '{other}' is neither rich nor lean."),
    };

    private static int Int(Dictionary<string, string?> options, string name, int fallback)
    {
        if (options.GetValueOrDefault(name) is not string text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new FormatException($"{name} '{text}' is not a positive whole number.");
    }

    private static ulong ULong(Dictionary<string, string?> options, string name, ulong fallback)
    {
        if (options.GetValueOrDefault(name) is not string text)
        {
            return fallback;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new FormatException($"{name} '{text}' is not a whole number.");
    }

    private static ulong[] ULongs(string? text) =>
        text is null
            ? throw new FormatException("--seeds needs a value.")
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
                ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
                    ? value
                    : throw new FormatException($"--seeds '{text}' is not a comma-separated list of whole numbers."))];
}
